// @ts-check

/**
 * Domain requests, sandbox leases and the entity sets templates publish.
 * Each row keeps its typed object as JSON text, plus the columns queries
 * filter and sort by.
 *
 * `claimed_name` holds the name while the row owns it (an open or
 * provisioned request, a lease not yet decommissioned) and is NULL
 * otherwise. Its unique index settles two simultaneous submissions of one
 * name in the database, on SQLite and PostgreSQL alike (both allow many
 * NULLs in a unique index).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('provisioning_domain_requests', table => {
    table
      .increments('seq')
      .comment(
        'insertion order, to sort requests made in the same millisecond',
      );
    table.string('id', 64).notNullable().unique();
    table.string('name', 64).notNullable().index();
    table.string('claimed_name', 64).nullable().unique();
    table.string('status', 32).notNullable().index();
    table.string('requested_by', 255).notNullable().index();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.text('request').notNullable().comment('JSON of the DomainRequest');
  });

  await knex.schema.createTable('provisioning_sandbox_leases', table => {
    table
      .increments('seq')
      .comment('insertion order, to sort leases made in the same millisecond');
    table.string('id', 64).notNullable().unique();
    table.string('name', 64).notNullable().index();
    table.string('claimed_name', 64).nullable().unique();
    table.string('state', 32).notNullable().index();
    table.string('owner_group', 255).notNullable().index();
    table.string('requested_by', 255).notNullable().index();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.text('lease').notNullable().comment('JSON of the SandboxLease');
  });

  await knex.schema.createTable('provisioning_published_entity_sets', table => {
    table.string('key', 200).primary().notNullable();
    table.timestamp('published_at', { useTz: true }).notNullable();
    table
      .text('entity_set')
      .notNullable()
      .comment('JSON of the PublishedEntitySet');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('provisioning_published_entity_sets');
  await knex.schema.dropTable('provisioning_sandbox_leases');
  await knex.schema.dropTable('provisioning_domain_requests');
};
