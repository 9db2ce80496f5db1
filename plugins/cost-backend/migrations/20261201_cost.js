// @ts-check

/**
 * Cost snapshots. Each refresh stores one row: what it read from Azure (or
 * kept from the refresh before when a part failed) as JSON. The routes serve
 * the newest row; the store keeps the last 48.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cost_snapshots', table => {
    table.increments('id');
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.string('today', 10).notNullable().comment('UTC day of the refresh');
    table
      .text('snapshot', 'longtext')
      .notNullable()
      .comment('JSON of the CostSnapshotData');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cost_snapshots');
};
