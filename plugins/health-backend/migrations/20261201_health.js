// @ts-check

/**
 * Health evaluations. `health_evaluations` keeps one row per entity per
 * cycle (state and score only) for history and SLO, pruned to
 * `dataplatform.health.historyDays`; `health_latest` keeps each entity's
 * last evaluation in full (JSON text), which is what the routes serve.
 * `health_cycles` records each finished cycle.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_evaluations', table => {
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('state', 16).notNullable();
    table
      .double('score')
      .nullable()
      .comment('absent when the state is unknown');
    table.index(
      ['entity_ref', 'evaluated_at'],
      'health_evaluations_entity_time_idx',
    );
    // Pruning deletes by age across all entities.
    table.index(['evaluated_at'], 'health_evaluations_time_idx');
  });

  await knex.schema.createTable('health_latest', table => {
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('domain_ref', 255).nullable().index();
    table.string('owner', 255).nullable().comment("the entity's spec.owner");
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table
      .text('summary')
      .notNullable()
      .comment('JSON of the EntityHealthSummary');
    table.text('result').nullable().comment('JSON of the ModelResult');
    table
      .text('model')
      .nullable()
      .comment('JSON of the HealthModel (definitions)');
    table.text('model_error').nullable().comment('JSON of the model error');
    table
      .string('source', 1000)
      .nullable()
      .comment('where the model file was read from');
  });

  await knex.schema.createTable('health_cycles', table => {
    table.bigIncrements('id');
    table.timestamp('finished_at', { useTz: true }).notNullable().index();
    table.integer('duration_ms').notNullable();
    table.integer('entities').notNullable();
    table.integer('log_signals').notNullable();
    table.integer('metric_signals').notNullable();
    table.integer('log_calls').notNullable();
    table.integer('metric_calls').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_cycles');
  await knex.schema.dropTable('health_latest');
  await knex.schema.dropTable('health_evaluations');
};
