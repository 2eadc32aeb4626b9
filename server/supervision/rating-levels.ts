/** 差评: a rating of 1 or 2 (非常不满意, 不满意) opens a rectification */
export const BAD_AT_MOST = 2;
/** 好评: a rating of 4 or 5 (满意, 非常满意) */
export const SATISFIED_AT_LEAST = 4;
