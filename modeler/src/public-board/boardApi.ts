import { get } from '../api/http.ts';
import type { Answer } from '../../../contract/api/index.ts';

/** GET /public/ratings-board: the departments' ratings as anyone may read them. */
export type RatingsBoard = Answer<'/public/ratings-board', 'get'>;

export const ratingsBoard = () => get<RatingsBoard>('/public/ratings-board');
