// @ts-check

/**
 * Retention evaluations. `retention_entities` keeps each domain's and data
 * product's last evaluation (summary and detail as JSON text), which is what
 * the routes serve; an unknown finding's last known verdict is carried from
 * it into the next evaluation. `retention_runs` records each finished scan.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('retention_entities', table => {
    table.string('entity_ref', 255).primary().notNullable();
    table.string('kind', 32).notNullable().comment('Domain or DataProduct');
    table
      .string('domain_ref', 255)
      .nullable()
      .index()
      .comment("the product's domain; a domain's own ref");
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table
      .text('summary')
      .notNullable()
      .comment('JSON of the EntityRetentionSummary');
    table
      .text('detail')
      .notNullable()
      .comment('JSON of the findings, timelines and recovery declaration');
  });

  await knex.schema.createTable('retention_runs', table => {
    table.increments('id');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable().index();
    table.integer('subscriptions').notNullable();
    table.integer('azure_calls').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('retention_runs');
  await knex.schema.dropTable('retention_entities');
};
