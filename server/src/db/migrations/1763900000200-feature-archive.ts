import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Features can be archived: an archived feature cannot be granted by new plan versions, while versions that
 * already grant it keep doing so (their terms are immutable).
 */
export class FeatureArchive1763900000200 implements MigrationInterface {
  name = 'FeatureArchive1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE features ADD COLUMN archived_at timestamptz(3)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE features DROP COLUMN archived_at`);
  }
}
