/**
 * The TypeScript type of a JSON schema written in the small dialect of the engine's answers
 * (server/engine/contract-schemas.ts): `type` (a name, or a list of primitive names), `nullable`,
 * `enum`, `properties` with `required`, `additionalProperties`, `items`, `$ref: '#'` (the root: a
 * tree) and `{}` (anything: unknown). The answers' types (types.ts) are made of their schemas with
 * it, so that what the contract test checks and what the code reads cannot drift apart.
 */
export type FromSchema<S, Root = S> = Typed<S, Root> | (S extends { nullable: true } ? null : never);

type Primitive<N> = N extends 'string' ? string : N extends 'integer' | 'number' ? number : N extends 'boolean' ? boolean : N extends 'null' ? null : never;

type Typed<S, Root> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { type: infer T }
    ? T extends readonly (infer N)[]
      ? Primitive<N>
      : T extends 'array'
        ? S extends { items: infer I }
          ? FromSchema<I, Root>[]
          : unknown[]
        : T extends 'object'
          ? ObjectOf<S, Root>
          : Primitive<T>
    : S extends { $ref: '#' }
      ? FromSchema<Root, Root>
      : unknown;

type RequiredOf<S> = S extends { required: readonly (infer R)[] } ? R : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectOf<S, Root> = S extends { properties: infer P }
  ? Simplify<{ [K in keyof P & RequiredOf<S>]: FromSchema<P[K], Root> } & { [K in Exclude<keyof P, RequiredOf<S>>]?: FromSchema<P[K], Root> }>
  : S extends { additionalProperties: infer A extends object }
    ? Record<string, FromSchema<A, Root>>
    : Record<string, unknown>;
