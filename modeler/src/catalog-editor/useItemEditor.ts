import { computed, ref, watch } from 'vue';
import { ApiError } from '../api/http.ts';
import { catalogApi, savedQuestion, type DeployedProcess, type EditedItem, type EditorOptions, type SavedVersion } from './catalogApi.ts';
import { itemFileSchema, type CatalogMaterial, type ItemFile } from '../../../contract/catalog/item.ts';
import { checkItem } from './checks.ts';
import { REGION_LEVELS } from '../../../contract/regions.ts';
import { useFormProblems } from '../shared/useFormProblems.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/** A new item's form until the analyst writes theirs: one titled field, closed to others (what the server asks of a form). */
export const NEW_FORM_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['subject'],
  properties: { subject: { type: 'string', title: '申请事项说明', 'x-title-en': 'What is applied for', minLength: 1, maxLength: 500 } },
};

function blankItem(processKey: string): EditedItem {
  return {
    code: '',
    name: '',
    nameEn: '',
    type: 'administrative_license',
    departmentCode: '',
    processKey,
    legalBasis: [{ title: '', titleEn: '', article: '', articleEn: '', text: '', textEn: '', sample: false }],
    promisedDays: 1,
    statutoryDays: 1,
    conditions: [],
    conditionsEn: [],
    materials: [],
    fees: [],
    results: [],
    place: '',
    placeEn: '',
    phone: '',
    channels: ['window', 'web'],
    onlineDepth: 1,
    situations: [],
  };
}

/**
 * A version saved before the catalog had English conditions, legal basis, fees and place: its
 * English fields empty, one English condition beside each Chinese one, for the analyst to fill in.
 */
function withEnglishFields(item: EditedItem): EditedItem {
  return {
    ...item,
    legalBasis: item.legalBasis.map((b) => ({ ...b, titleEn: b.titleEn ?? '', articleEn: b.articleEn ?? '', textEn: b.textEn ?? '' })),
    conditionsEn: item.conditions.map((_, i) => item.conditionsEn?.[i] ?? ''),
    fees: item.fees.map((f) => ({ ...f, nameEn: f.nameEn ?? '', basisEn: f.basisEn ?? '' })),
    placeEn: item.placeEn ?? '',
  };
}

/** The definition as PUT takes it: optional parts left out when empty, as item.json leaves them out. */
export function serialiseItem(item: EditedItem): ItemFile {
  const edited = JSON.parse(JSON.stringify(item)) as EditedItem;
  const copy: ItemFile = { ...edited, situations: edited.situations?.map(savedQuestion) };
  copy.materials = copy.materials.map((m) => ({
    code: m.code,
    required: m.required,
    ...(m.note?.trim() ? { note: m.note.trim() } : {}),
    ...(m.commitment !== undefined ? { commitment: m.commitment } : {}),
    ...(m.when && Object.keys(m.when).length ? { when: m.when } : {}),
  }));
  copy.results = copy.results.map((r) => ({
    name: r.name,
    ...(r.nameEn?.trim() ? { nameEn: r.nameEn.trim() } : {}),
    kind: r.kind,
    ...(r.material ? { material: r.material } : {}),
  }));
  if (!copy.situations?.length) delete copy.situations;
  // 四级: in the tree's order; none is the platform's own region, as item.json says it by leaving levels out
  if (copy.levels?.length) copy.levels = REGION_LEVELS.filter((l) => copy.levels!.includes(l));
  else delete copy.levels;
  // 秒批: a check without a name to compare leaves it out
  if (copy.instantApproval) {
    copy.instantApproval.checks = copy.instantApproval.checks.map(({ nameField, ...c }) => ({ ...c, ...(nameField ? { nameField } : {}) }));
  }
  if (copy.stepDays) {
    copy.stepDays = Object.fromEntries(Object.entries(copy.stepDays).filter(([, d]) => d !== null && d !== undefined));
    if (Object.keys(copy.stepDays).length === 0) delete copy.stepDays;
  }
  return copy;
}

/** The item editor's state: the item, the lists it chooses from, its process's steps, the save. */
export function useItemEditor(initialProcessKey: string, t: T) {
  const loading = ref(true);
  const saving = ref(false);
  const item = ref<EditedItem>(blankItem(initialProcessKey));
  const formText = ref(JSON.stringify(NEW_FORM_SCHEMA, null, 2));
  const version = ref<number | null>(null);
  const source = ref<'file' | 'editor' | null>(null);
  const saved = ref<SavedVersion | null>(null);
  /** someone saved a newer version while this page edited: its save is refused until reloaded */
  const stale = ref(false);
  const options = ref<EditorOptions>({ departments: [], itemTypes: [], channels: [], resultKinds: [] });
  const materials = ref<CatalogMaterial[]>([]);
  const processes = ref<DeployedProcess[]>([]);
  const userTasks = ref<{ id: string; name: string }[] | null>(null);
  /** what was loaded or saved last, to tell unsaved changes */
  const savedState = ref('');
  const state = () => JSON.stringify([serialiseItem(item.value), formText.value]);
  const dirty = computed(() => !loading.value && state() !== savedState.value);

  const materialMap = computed(() => new Map(materials.value.map((m) => [m.code, m])));
  const process = computed(() => processes.value.find((p) => p.key === item.value.processKey) ?? null);

  /** the fields on screen, where problems are shown */
  const shown = computed(() => {
    const i = item.value;
    // the definition's own fields (the contract's schema names them), and what the editor adds
    const keys: string[] = [...itemFileSchema.required, 'situations', 'stepDays', 'levels', 'formSchema'];
    for (const list of ['legalBasis', 'conditions', 'materials', 'fees', 'results'] as const) i[list].forEach((_, n) => keys.push(`${list}.${n}`));
    (i.situations ?? []).forEach((_, n) => keys.push(`situations.${n}`, `situations.${n}.code`, `situations.${n}.text`, `situations.${n}.options`));
    for (const step of stepIds.value) keys.push(`stepDays.${step}`);
    // 秒批: the decision and each check's fields
    keys.push('instantApproval', 'instantApproval.decision');
    (i.instantApproval?.checks ?? []).forEach((_, n) => keys.push(...['subject', 'numberField', 'nameField'].map((f) => `instantApproval.checks.${n}.${f}`)));
    return new Set(keys);
  });
  const problems = useFormProblems(shown);

  /** the process's user tasks, and any step the item names that is not one of them (the check says so) */
  const stepIds = computed(() => [...new Set([...(userTasks.value ?? []).map((u) => u.id), ...Object.keys(item.value.stepDays ?? {})])]);

  async function loadUserTasks(): Promise<void> {
    const p = process.value;
    userTasks.value = null;
    if (p) userTasks.value = await catalogApi.userTasks(p.key, p.version);
  }

  /** Loads an item (null: a new one) with the lists it chooses from. */
  async function load(code: string | null): Promise<void> {
    loading.value = true;
    saved.value = null;
    stale.value = false;
    problems.clear();
    try {
      const [o, m, p, existing] = await Promise.all([
        catalogApi.options(),
        catalogApi.materials(),
        catalogApi.processes(),
        code ? catalogApi.item(code) : Promise.resolve(null),
      ]);
      options.value = o;
      materials.value = m.materials;
      processes.value = p.processes;
      if (existing) {
        item.value = withEnglishFields({ ...existing.definition, situations: existing.definition.situations ?? [] });
        formText.value = JSON.stringify(existing.formSchema, null, 2);
        version.value = existing.version;
        source.value = existing.source;
      }
      await loadUserTasks();
    } finally {
      savedState.value = state();
      loading.value = false;
    }
  }
  watch(
    () => item.value.processKey,
    (now, before) => {
      if (!loading.value && now !== before) void loadUserTasks();
    },
  );

  /** Checks here, then PUT; the version saved, or null when a problem is shown at its field. */
  async function save(): Promise<SavedVersion | null> {
    problems.clear();
    saved.value = null;
    const definition = serialiseItem(item.value);
    const found = checkItem(
      definition,
      {
        options: options.value,
        materials: materialMap.value,
        processKeys: new Set(processes.value.map((p) => p.key)),
        userTasks: userTasks.value?.map((u) => u.id) ?? null,
      },
      t,
    );
    let formSchema: Record<string, unknown> | null = null;
    try {
      const parsed = JSON.parse(formText.value) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) formSchema = parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    if (!formSchema) found.push({ field: 'formSchema', message: t('catalogEditor.check.formJson') });
    if (found.length) {
      problems.problems.value = found;
      return null;
    }
    saving.value = true;
    try {
      const answer = await catalogApi.saveItem(definition.code, { definition, formSchema: formSchema! }, version.value ?? 0);
      saved.value = answer;
      savedState.value = JSON.stringify([definition, formText.value]);
      version.value = answer.version;
      source.value = 'editor';
      return answer;
    } catch (err) {
      if (problems.fromServer(err, 'definition')) return null;
      if (err instanceof ApiError && err.status === 409) {
        stale.value = true;
        return null;
      }
      throw err;
    } finally {
      saving.value = false;
    }
  }

  return {
    loading,
    saving,
    dirty,
    stale,
    item,
    formText,
    version,
    source,
    saved,
    options,
    materials,
    materialMap,
    processes,
    process,
    userTasks,
    stepIds,
    problems,
    load,
    save,
  };
}
