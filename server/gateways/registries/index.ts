/** 人口库、法人库: the registries' interface and record shapes, the sandbox adapter and the sandbox service. */
export * from './registries.ts';
export { SandboxRegistries, type SandboxRegistriesOptions } from './sandbox-registries.ts';
export {
  startRegistriesSandbox,
  type RegistriesSandbox,
  type RegistriesSandboxControl,
  type RegistriesSandboxOptions,
  type SandboxQuery,
} from './sandbox-service.ts';
export { ageOn } from './sandbox-generate.ts';
