/** 修改密码 and the password rules: zh-CN first, English beside it. */
export const accountZh = {
  changePassword: '修改密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '确认新密码',
  rules: '密码规则：至少 8 个字符，包含小写字母、大写字母、数字、符号中的至少 3 类，不能包含用户名，不能与最近 5 次使用过的密码相同。',
  required: '请输入{field}',
  mismatch: '两次输入的新密码不一致',
  problems: '新密码不符合以下规则：',
  changed: '密码已修改；您在其他设备或窗口的登录已结束',
  expiredTitle: '密码已过期',
  expiredIntro: '您的密码已超过有效期，请设置新密码，设置后将直接登录。',
  setAndSignIn: '设置新密码并登录',
  backToLogin: '返回登录',
};

export const accountEn: typeof accountZh = {
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Confirm the new password',
  rules:
    'Password rules: at least 8 characters with at least 3 of lower-case letters, upper-case letters, digits and symbols, not containing the user name, and none of the last 5 passwords.',
  required: 'Please enter the {field}',
  mismatch: 'The two new passwords differ',
  problems: 'The new password breaks these rules:',
  changed: 'Password changed; your sign-ins on other devices or windows have ended',
  expiredTitle: 'Password expired',
  expiredIntro: 'Your password has expired. Set a new one; you are then signed in.',
  setAndSignIn: 'Set the new password and sign in',
  backToLogin: 'Back to sign-in',
};
