import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Results that hold up: the decision on the case (its status goes on through payment and
 * delivery), seals and their use, sealed documents, payments with every notification received
 * (forged ones too), deliveries with every carrier event.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'decision', { type: DataTypes.STRING(24), allowNull: true });
  // 送达方式 chosen at intake or later: {method, recipient?}
  await q.addColumn('cases', 'delivery_choice', { type: DataTypes.TEXT, allowNull: true });

  await q.createTable('seals', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    image: { type: DataTypes.BLOB, allowNull: false },
    certificate_p12: { type: DataTypes.BLOB, allowNull: false },
    // the PKCS#12 password, encrypted with the server's seal key (AES-256-GCM)
    p12_password: { type: DataTypes.STRING(400), allowNull: false },
    certificate_subject: { type: DataTypes.STRING(400), allowNull: false },
    certificate_serial: { type: DataTypes.STRING(80), allowNull: false },
    valid_from: { type: DataTypes.DATE(3), allowNull: false },
    valid_until: { type: DataTypes.DATE(3), allowNull: false },
    // usernames and "<department>:<role>" groups allowed to use it (JSON list)
    users: { type: DataTypes.TEXT, allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_by: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('seals', ['department_code', 'active']);

  await q.createTable('documents', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    // decision_approved, decision_refused, e_license, notice
    kind: { type: DataTypes.STRING(32), allowNull: false },
    // what it was made from, unique per case: 'decision', 'e_license:<type>', 'notice:<timeline entry id>'
    source: { type: DataTypes.STRING(120), allowNull: false },
    title: { type: DataTypes.STRING(200), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    // the signed PDF is a file in the document store (DATA_DIR/documents, content-addressed)
    storage_key: { type: DataTypes.STRING(200), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    seal_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'seals', key: 'id' } },
    e_license_id: { type: DataTypes.INTEGER, allowNull: true },
    signed_at: { type: DataTypes.DATE(3), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // one document per case and source: a retried task finds it instead of signing again
  await q.addIndex('documents', ['case_id', 'source'], { unique: true });

  await q.createTable('seal_uses', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    seal_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'seals', key: 'id' } },
    case_id: { type: DataTypes.INTEGER, allowNull: true },
    document_id: { type: DataTypes.INTEGER, allowNull: true },
    purpose: { type: DataTypes.STRING(200), allowNull: false },
    used_by: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('seal_uses', ['seal_id', 'created_at']);

  await q.createTable('payments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    merchant_order_no: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    order_no: { type: DataTypes.STRING(64), allowNull: true },
    amount_fen: { type: DataTypes.INTEGER, allowNull: false },
    // the fee lines: [{itemCode, caseNo, name, amountFen, basis}]
    lines: { type: DataTypes.TEXT, allowNull: false },
    subject: { type: DataTypes.STRING(200), allowNull: false },
    // unpaid, paid, expired, refunded
    status: { type: DataTypes.STRING(16), allowNull: false },
    pay_url: { type: DataTypes.STRING(500), allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    paid_at: { type: DataTypes.DATE(3), allowNull: true },
    refund_no: { type: DataTypes.STRING(64), allowNull: true },
    refunded_at: { type: DataTypes.DATE(3), allowNull: true },
    refund_reason: { type: DataTypes.STRING(200), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('payments', ['case_id']);

  await q.createTable('gateway_callbacks', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    // payment or logistics
    gateway: { type: DataTypes.STRING(16), allowNull: false },
    // the gateway's notifyId / eventId; null for one that could not be read
    event_id: { type: DataTypes.STRING(80), allowNull: true },
    // what it is about: the merchant order no. or the waybill no.
    subject: { type: DataTypes.STRING(80), allowNull: true },
    // recorded (acted on), duplicate, refused (signature, unknown subject …)
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    problem: { type: DataTypes.STRING(200), allowNull: true },
    body: { type: DataTypes.TEXT, allowNull: false },
    remote_address: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('gateway_callbacks', ['gateway', 'event_id', 'outcome']);
  await q.addIndex('gateway_callbacks', ['created_at']);

  await q.createTable('deliveries', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'cases', key: 'id' }, onDelete: 'CASCADE' },
    // logistics, pickup, electronic
    method: { type: DataTypes.STRING(16), allowNull: false },
    // preparing, in_transit, delivered, returned
    status: { type: DataTypes.STRING(16), allowNull: false },
    shipment_no: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    waybill_no: { type: DataTypes.STRING(64), allowNull: true, unique: true },
    pickup_code: { type: DataTypes.STRING(16), allowNull: true },
    recipient: { type: DataTypes.TEXT, allowNull: true },
    // the documents delivered (ids): for a bundle, every item's (统一出件)
    documents: { type: DataTypes.TEXT, allowNull: false },
    events: { type: DataTypes.TEXT, allowNull: false },
    delivered_at: { type: DataTypes.DATE(3), allowNull: true },
    handed_over_by: { type: DataTypes.STRING(64), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  for (const table of ['deliveries', 'gateway_callbacks', 'payments', 'seal_uses', 'documents', 'seals']) await q.dropTable(table);
  await q.removeColumn('cases', 'delivery_choice');
  await q.removeColumn('cases', 'decision');
}
