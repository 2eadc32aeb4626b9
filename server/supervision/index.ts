/** 监管指标 (issue 18): the read model of the indicators, their queries and pages' API. docs/indicators.md. */
export { supervisionRoutes } from './supervision.controller.ts';
export { supervisionPaths } from './openapi.ts';
export { watchSupervision } from './watch.ts';
export { projection, projectCases } from './projection.ts';
export { rebuildIndicators } from './rebuild.ts';
export { publicBoardRoutes } from './public-board.ts';
export { publicBoardPaths } from './public-board.openapi.ts';
