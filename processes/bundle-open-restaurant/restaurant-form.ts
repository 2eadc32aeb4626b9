import { validForm } from '../../test/support/api.ts';

/** The one form of 开办餐饮店 for registration + food licence + fire inspection (the tests' applicant 张三). */
export const restaurantForm = () => ({
  ...validForm(),
  premisesArea: 320,
  businessFormat: 'snack_bar',
  foodCategories: '热食类食品制售',
  foodSafetyManager: '张三',
  venueFloors: '1层',
  maxOccupancy: 120,
  fireSafetyManager: '张三',
});

/** …with the outdoor signboard too (the item that charges a fee). */
export const restaurantWithSignboardForm = () => ({
  ...restaurantForm(),
  signboardText: '张三小吃',
  signboardWidthM: 4,
  signboardHeightM: 0.8,
  signboardMountType: 'flat_wall',
  signboardIlluminated: false,
});
