// @ts-check

/**
 * `health_daily` keeps each entity's time per UTC day (observed,
 * unhealthy, worst state), maintained each cycle from the entity's previous
 * point, so the 30-day availability and SLO come from at most 31 rows per
 * entity instead of every point of 30 days. The evaluator fills it from
 * `health_evaluations` once when it finds it empty (it needs the evaluation
 * interval, which a migration does not know).
 *
 * `health_latest.source` becomes text: a model read from a URL can have a
 * longer address than the 1000 characters of the first migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_daily', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table
      .integer('observed_ms')
      .notNullable()
      .comment('ms of the day with a known state');
    table
      .integer('unhealthy_ms')
      .notNullable()
      .comment('ms of the day in state unhealthy');
    table
      .string('worst_state', 16)
      .notNullable()
      .comment('worst state held during the day, unknown included');
    table.primary(['entity_ref', 'day']);
    // Pruning deletes by day across all entities.
    table.index(['day'], 'health_daily_day_idx');
  });

  await knex.schema.alterTable('health_latest', table => {
    table
      .text('source')
      .nullable()
      .comment('where the model file was read from')
      .alter();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('health_latest', table => {
    table
      .string('source', 1000)
      .nullable()
      .comment('where the model file was read from')
      .alter();
  });
  await knex.schema.dropTable('health_daily');
};
