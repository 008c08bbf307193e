import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skills')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('parent_id', 'text', (col) => col.references('skills.id').onDelete('set null'))
    .addColumn('aliases', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('ambiguity', 'jsonb')
    .addColumn('is_certification', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('skills_category_idx').on('skills').column('category').execute();

  await db.schema
    .createTable('postings')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('source_id', 'text', (col) =>
      col.notNull().references('sources.id').onDelete('cascade'),
    )
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('raw_listing_id', 'bigint', (col) =>
      col.notNull().references('raw_listings.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('company', 'text')
    .addColumn('location', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('city', 'text')
    .addColumn('work_mode', 'text', (col) =>
      col
        .notNull()
        .defaultTo('unknown')
        .check(sql`work_mode in ('remote', 'hybrid', 'onsite', 'unknown')`),
    )
    .addColumn('contract_type', 'text', (col) =>
      col
        .notNull()
        .defaultTo('unknown')
        .check(
          sql`contract_type in ('contract', 'freelance', 'temporary', 'permanent', 'unknown')`,
        ),
    )
    .addColumn('ir35', 'text', (col) => col.check(sql`ir35 in ('inside', 'outside')`))
    .addColumn('seniority', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('first_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('last_seen_at', 'timestamptz', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('canonical_id', 'bigint', (col) =>
      col.references('postings.id').onDelete('set null'),
    )
    // The rate as the posting gives it.
    .addColumn('rate_min', 'numeric')
    .addColumn('rate_max', 'numeric')
    .addColumn('rate_currency', 'text')
    .addColumn('rate_period', 'text', (col) =>
      col.check(sql`rate_period in ('hour', 'day', 'week', 'month', 'year', 'fixed')`),
    )
    .addColumn('rate_origin', 'text', (col) =>
      col.check(sql`rate_origin in ('structured', 'text')`),
    )
    .addColumn('rate_confidence', 'real')
    // Normalized figures in normalized_currency; day and hourly rates are separate series.
    .addColumn('normalized_currency', 'text')
    .addColumn('day_rate', 'numeric')
    .addColumn('hourly_rate', 'numeric')
    .addColumn('annual_salary', 'numeric')
    .addColumn('rate_excluded_reason', 'text')
    .addColumn('rate_flag', 'text')
    .addColumn('processed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('postings_source_external_key', ['source_id', 'external_id'])
    .execute();

  // Weekly demand counts canonical postings by the week they were posted or seen.
  await db.schema
    .createIndex('postings_canonical_posted_idx')
    .on('postings')
    .column('posted_at')
    .where(sql.ref('canonical_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('postings_seen_idx')
    .on('postings')
    .columns(['first_seen_at', 'last_seen_at'])
    .execute();
  await db.schema
    .createIndex('postings_canonical_id_idx')
    .on('postings')
    .column('canonical_id')
    .execute();
  await db.schema
    .createIndex('postings_dedupe_key_idx')
    .on('postings')
    .column('dedupe_key')
    .execute();
  await db.schema
    .createIndex('postings_raw_listing_idx')
    .on('postings')
    .column('raw_listing_id')
    .execute();

  await db.schema
    .createTable('posting_skills')
    .addColumn('posting_id', 'bigint', (col) =>
      col.notNull().references('postings.id').onDelete('cascade'),
    )
    .addColumn('skill_id', 'text', (col) =>
      col.notNull().references('skills.id').onDelete('cascade'),
    )
    .addColumn('mentions', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('in_title', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('surface', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('posting_skills_pkey', ['posting_id', 'skill_id'])
    .execute();
  await db.schema
    .createIndex('posting_skills_skill_idx')
    .on('posting_skills')
    .columns(['skill_id', 'posting_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('posting_skills').execute();
  await db.schema.dropTable('postings').execute();
  await db.schema.dropTable('skills').execute();
}
