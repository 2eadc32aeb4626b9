/**
 * 共享数据 (issue 19): the platform's way to the population and legal-person registries (人口库、法人库),
 * every lookup recorded, and the query log's page. docs/shared-data.md.
 */
export { SharedData, SharedDataUnavailableError, sharedDataOf, type LookupContext } from './lookups.ts';
export { sharedDataRoutes } from './shared-data.controller.ts';
export { sharedDataPaths } from './openapi.ts';
export { QUERY_OUTCOMES, REGISTRY_NAMES, type QueryOutcome, type RegistryName } from './shared-data-query.model.ts';
export type { CompanyRecord, PersonRecord, PersonSummary, RegistryEvent, CohortQuery } from '../gateways/registries/index.ts';
