import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';

/**
 * 问题闭环 (server/problems, docs/problems.md): every problem tracked to its closing, whatever raised it.
 * - problems: one row per problem, raised from a 差评 (source bad_rating, its rating_id unique), a
 *   走流程 walk-through finding (walkthrough) or a monitoring rule (monitoring); owned by a department
 *   (and a region, optionally a case and an item); due at the end of its n-th working day; open →
 *   rectified (the owner's leader, with the 回访 for a 差评) → closed (销号) by the 数据局, or sent back
 *   to open (rounds counts them); escalated once when open past its due time. `open_key` is set
 *   while a problem is not closed and unique, so a monitoring rule raises one problem per department
 *   at a time, even on two nodes at once (NULLs do not collide);
 * - problem_events: each step (raised, rectified with its 回访, sent back with the reason, closed,
 *   escalated, migrated) with who and when: the problem's history.
 * The rectifications of 0018 become problems of source bad_rating: an open one stays open, a
 * resolved one is closed (it was resolved before there was any review; its note is the rectification
 * and its history says it was migrated); due 15 working days after the rating, which the server
 * computes in the region's working calendar at its first start (due_at is null until then: the
 * calendar is a domain, not the kernel a migration may use). rating_rectifications is dropped.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('problems', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    source: { type: DataTypes.STRING(16), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    region_code: { type: DataTypes.STRING(12), allowNull: true },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    item_code: { type: DataTypes.STRING(64), allowNull: true },
    rating_id: { type: DataTypes.INTEGER, allowNull: true },
    rule: { type: DataTypes.STRING(32), allowNull: true },
    open_key: { type: DataTypes.STRING(128), allowNull: true },
    title: { type: DataTypes.STRING(200), allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    raised_by: { type: DataTypes.INTEGER, allowNull: true },
    due_days: { type: DataTypes.INTEGER, allowNull: false },
    due_at: { type: DataTypes.DATE(3), allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    rounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    rectification: { type: DataTypes.TEXT, allowNull: true },
    visit_at: { type: DataTypes.DATE(3), allowNull: true },
    visit_method: { type: DataTypes.STRING(16), allowNull: true },
    visit_feedback: { type: DataTypes.STRING(1000), allowNull: true },
    rectified_by: { type: DataTypes.INTEGER, allowNull: true },
    rectified_at: { type: DataTypes.DATE(3), allowNull: true },
    reviewed_by: { type: DataTypes.INTEGER, allowNull: true },
    reviewed_at: { type: DataTypes.DATE(3), allowNull: true },
    review_note: { type: DataTypes.STRING(1000), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    escalated_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('problems', ['rating_id'], { name: 'problems_rating_id', unique: true });
  await q.addIndex('problems', ['open_key'], { name: 'problems_open_key', unique: true });
  await q.addIndex('problems', ['department_code', 'status'], { name: 'problems_by_department_status' });
  await q.addIndex('problems', ['status', 'due_at'], { name: 'problems_by_status_due' });
  await q.addIndex('problems', ['updated_at'], { name: 'problems_by_updated_at' });
  await q.createTable('problem_events', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    problem_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'problems', key: 'id' }, onDelete: 'CASCADE' },
    action: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    note: { type: DataTypes.TEXT, allowNull: true },
    detail: { type: DataTypes.TEXT, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('problem_events', ['problem_id', 'id'], { name: 'problem_events_by_problem' });

  const old = await q.sequelize.query<Record<string, unknown>>(
    `SELECT x.id, x.rating_id, x.case_no, x.department_code, x.status, x.resolution_note, x.resolved_by, x.resolved_at, x.created_at,
            r.level, r.comment, r.rated_by, c.region_code, c.item_code
       FROM rating_rectifications x JOIN case_ratings r ON r.id = x.rating_id LEFT JOIN cases c ON c.id = r.case_id
      ORDER BY x.id`,
    { type: QueryTypes.SELECT },
  );
  for (const x of old) {
    const resolved = x.status === 'resolved';
    // the stored instants as the dialect returned them (a Date on MariaDB, the stored text on SQLite)
    const createdAt = x.created_at;
    const resolvedAt = x.resolved_at ?? null;
    await q.bulkInsert('problems', [
      {
        source: 'bad_rating',
        department_code: x.department_code,
        region_code: x.region_code ?? null,
        case_no: x.case_no,
        item_code: x.item_code ?? null,
        rating_id: x.rating_id,
        rule: null,
        open_key: null,
        title: `差评整改：${String(x.case_no)}`,
        description: x.comment ? String(x.comment) : '',
        raised_by: x.rated_by,
        due_days: 15,
        due_at: null,
        status: resolved ? 'closed' : 'open',
        rounds: 0,
        rectification: resolved ? x.resolution_note : null,
        rectified_by: resolved ? x.resolved_by : null,
        rectified_at: resolvedAt,
        closed_at: resolvedAt,
        created_at: createdAt,
        updated_at: resolvedAt ?? createdAt,
      },
    ]);
    const [row] = await q.sequelize.query<{ id: number }>(`SELECT id FROM problems WHERE rating_id = :ratingId`, {
      replacements: { ratingId: x.rating_id },
      type: QueryTypes.SELECT,
    });
    const events: Record<string, unknown>[] = [
      { problem_id: row!.id, action: 'raised', actor_id: x.rated_by, note: null, detail: JSON.stringify({ source: 'bad_rating' }), at: createdAt },
    ];
    if (resolved && resolvedAt)
      events.push({
        problem_id: row!.id,
        action: 'migrated',
        actor_id: x.resolved_by,
        note: x.resolution_note,
        detail: JSON.stringify({ from: 'rating_rectifications', id: x.id, status: 'resolved' }),
        at: resolvedAt,
      });
    await q.bulkInsert('problem_events', events);
  }
  await q.dropTable('rating_rectifications');
}

/** Back to 0018's rectifications: the problems of 差评 only (open stays open, rectified or closed is resolved); the rest is lost. */
export async function down(q: QueryInterface): Promise<void> {
  await q.createTable('rating_rectifications', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    rating_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'case_ratings', key: 'id' }, onDelete: 'CASCADE' },
    case_no: { type: DataTypes.STRING(32), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    resolution_note: { type: DataTypes.STRING(1000), allowNull: true },
    resolved_by: { type: DataTypes.INTEGER, allowNull: true },
    resolved_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('rating_rectifications', ['department_code', 'status']);
  const rows = await q.sequelize.query<Record<string, unknown>>(
    `SELECT rating_id, case_no, department_code, status, rectification, rectified_by, rectified_at, created_at
       FROM problems WHERE source = 'bad_rating' AND rating_id IS NOT NULL ORDER BY id`,
    { type: QueryTypes.SELECT },
  );
  if (rows.length)
    await q.bulkInsert(
      'rating_rectifications',
      rows.map((p) => {
        const resolved = p.status !== 'open';
        return {
          rating_id: p.rating_id,
          case_no: p.case_no,
          department_code: p.department_code,
          status: resolved ? 'resolved' : 'open',
          resolution_note: resolved ? String(p.rectification ?? '').slice(0, 1000) : null,
          resolved_by: resolved ? p.rectified_by : null,
          resolved_at: resolved ? p.rectified_at : null,
          created_at: p.created_at,
        };
      }),
    );
  await q.dropTable('problem_events');
  await q.dropTable('problems');
}
