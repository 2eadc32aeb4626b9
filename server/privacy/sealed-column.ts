import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';
import { lookupHash, open, seal } from './sealing.ts';

/** How the re-seal pass (reseal.ts) finds a model's sealed attributes: a mark on the attribute. */
export const SEALED = Symbol('sealed personal data');
export interface SealedMark {
  json: boolean;
  hashField?: string;
}

const marked = (mark: SealedMark, options: ModelAttributeColumnOptions): ModelAttributeColumnOptions => Object.assign(options, { [SEALED]: mark });

type Row = { getDataValue(key: string): unknown; setDataValue(key: string, value: unknown): void };

/**
 * A text attribute kept sealed (SM4, server/privacy/sealing.ts): the model reads and writes it in
 * clear, the table holds only the sealed form. With `hashField`, each write also sets that column
 * to the value's keyed lookup hash, which is what a search asks for (`where: { [hashField]: lookupHash(v) }`).
 */
export function sealedColumn(field: string, options: { allowNull?: boolean; hashField?: string } = {}): ModelAttributeColumnOptions {
  return marked(
    { json: false, hashField: options.hashField },
    {
      type: DataTypes.STRING(255),
      allowNull: options.allowNull ?? false,
      get(this: Row) {
        const raw = this.getDataValue(field);
        return typeof raw === 'string' ? open(raw) : (raw ?? null);
      },
      set(this: Row, value: unknown) {
        const clear = value === null || value === undefined ? null : String(value);
        this.setDataValue(field, clear === null ? null : seal(clear));
        if (options.hashField) this.setDataValue(options.hashField, clear === null ? null : lookupHash(clear));
      },
    },
  );
}

/**
 * A JSON value kept sealed: serialised, sealed, and stored as a JSON string (so MariaDB's JSON
 * checks, if any, still hold). Rows written before sealing began (plain JSON) read as they are.
 */
export function sealedJsonColumn(field: string, options: { allowNull?: boolean } = {}): ModelAttributeColumnOptions {
  return marked(
    { json: true },
    {
      type: DataTypes.TEXT,
      allowNull: options.allowNull ?? false,
      get(this: Row) {
        const raw = this.getDataValue(field);
        if (typeof raw !== 'string') return raw ?? null;
        const stored = JSON.parse(raw) as unknown;
        return typeof stored === 'string' ? (JSON.parse(open(stored)) as unknown) : stored;
      },
      set(this: Row, value: unknown) {
        this.setDataValue(field, value === null || value === undefined ? null : JSON.stringify(seal(JSON.stringify(value))));
      },
    },
  );
}

/** The hash column beside a sealed one that a search needs. */
export const lookupHashColumn = (): ModelAttributeColumnOptions => ({ type: DataTypes.STRING(64), allowNull: true });
