// @ts-check

/**
 * Last-known-good readings from Azure, one row per reading kind, so the
 * portal can keep answering (marked stale) while Azure is failing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('azure_snapshots', table => {
    table.string('key', 255).primary().notNullable();
    table.text('payload').nullable().comment('JSON of the last good reading');
    table.timestamp('fetched_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.string('last_error_code', 255).nullable();
    table.timestamp('last_error_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('azure_snapshots');
};
