import type { EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { isUuid } from '../../shared/uuid';
import type { Actor } from '../audit/actor';
import type { AuditLogService } from '../audit/audit-log.service';
import { flagEnabledFor } from './feature-flag-bucket';
import { FeatureFlagOverrideEntity } from './feature-flag-override.entity';
import { FeatureFlagEntity } from './feature-flag.entity';
import { featureFlagErrors } from './feature-flags.errors';

export const FLAG_KEY = /^[a-z][a-z0-9_.-]{0,62}$/;
const MAX_DESCRIPTION = 500;

/** Create a flag, or change the given fields of an existing one (omitted fields stay as they are). */
export interface FeatureFlagChange {
  key: string;
  description?: string | null;
  enabled?: boolean | null;
  rolloutPercentage?: number | null;
}

export interface OrganizationFlag {
  key: string;
  enabled: boolean;
}

function snapshot(flag: FeatureFlagEntity): Record<string, unknown> {
  return { key: flag.key, description: flag.description, enabled: flag.enabled, rolloutPercentage: flag.rolloutPercentage };
}

/** Feature flags: platform admins manage them (audited); organizations read what is on for them. */
export class FeatureFlagService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<FeatureFlagEntity[]> {
    return this.database.asPlatform((m) => m.find(FeatureFlagEntity, { order: { key: 'ASC' } }));
  }

  /** Every flag with its answer for the organization: override ?? (enabled && bucket < rolloutPercentage). */
  async flagsFor(organizationId: string): Promise<OrganizationFlag[]> {
    const rows: Array<{ key: string; enabled: boolean; rollout_percentage: number; override: boolean | null }> = await this.database.inTenant(
      organizationId,
      (m) =>
        m.query(
          `SELECT f.key, f.enabled, f.rollout_percentage, o.enabled AS override
           FROM feature_flags f
           LEFT JOIN feature_flag_overrides o ON o.flag_key = f.key AND o.organization_id = $1
           ORDER BY f.key`,
          [organizationId],
        ),
    );
    return rows.map((row) => ({
      key: row.key,
      enabled: flagEnabledFor({ key: row.key, enabled: row.enabled, rolloutPercentage: row.rollout_percentage }, organizationId, row.override),
    }));
  }

  async isEnabled(organizationId: string, flagKey: string): Promise<boolean> {
    return (await this.flagsFor(organizationId)).find((flag) => flag.key === flagKey)?.enabled ?? false;
  }

  async upsert(change: FeatureFlagChange, actor: Actor): Promise<FeatureFlagEntity> {
    if (!FLAG_KEY.test(change.key)) throw featureFlagErrors.invalid('key', 'key must be lower-case letters, digits, "_", "-" or "." (starting with a letter)');
    if (change.description != null && change.description.length > MAX_DESCRIPTION) {
      throw featureFlagErrors.invalid('description', `description must be at most ${MAX_DESCRIPTION} characters`);
    }
    const rollout = change.rolloutPercentage;
    if (rollout != null && (!Number.isInteger(rollout) || rollout < 0 || rollout > 100)) {
      throw featureFlagErrors.invalid('rolloutPercentage', 'rolloutPercentage must be a whole number from 0 to 100');
    }
    return this.database.asPlatform(async (m) => {
      const now = this.clock.now();
      const existing = await m.createQueryBuilder(FeatureFlagEntity, 'f').setLock('pessimistic_write').where('f.key = :key', { key: change.key }).getOne();
      const before = existing ? snapshot(existing) : null;
      const flag =
        existing ??
        m.create(FeatureFlagEntity, { key: change.key, description: '', enabled: false, rolloutPercentage: 100, createdAt: now });
      if (change.description != null) flag.description = change.description.trim();
      if (change.enabled != null) flag.enabled = change.enabled;
      if (rollout != null) flag.rolloutPercentage = rollout;
      flag.updatedAt = now;
      await m.save(FeatureFlagEntity, flag);
      await this.audit.record(m, actor, {
        organizationId: null,
        action: existing ? 'feature_flag.updated' : 'feature_flag.created',
        targetType: 'feature_flag',
        targetId: flag.key,
        before,
        after: snapshot(flag),
      });
      return flag;
    });
  }

  /** `enabled` null clears the override: the organization follows the rollout again. */
  async setOverride(organizationId: string, flagKey: string, enabled: boolean | null, actor: Actor): Promise<FeatureFlagOverrideEntity | null> {
    if (!isUuid(organizationId)) throw featureFlagErrors.organizationNotFound();
    const orgId = organizationId.toLowerCase();
    return this.database.asPlatform(async (m) => {
      await this.assertExists(m, orgId, flagKey);
      const existing = await m.findOneBy(FeatureFlagOverrideEntity, { flagKey, organizationId: orgId });
      const before = existing ? { enabled: existing.enabled } : null;
      const now = this.clock.now();
      let after: FeatureFlagOverrideEntity | null = null;
      if (enabled === null) {
        if (existing) await m.delete(FeatureFlagOverrideEntity, { flagKey, organizationId: orgId });
      } else {
        after = existing ?? m.create(FeatureFlagOverrideEntity, { flagKey, organizationId: orgId, createdAt: now });
        after.enabled = enabled;
        after.updatedAt = now;
        await m.save(FeatureFlagOverrideEntity, after);
      }
      await this.audit.record(m, actor, {
        organizationId: orgId,
        action: enabled === null ? 'feature_flag.override_cleared' : 'feature_flag.override_set',
        targetType: 'feature_flag',
        targetId: flagKey,
        before,
        after: after ? { enabled: after.enabled } : null,
      });
      return after;
    });
  }

  private async assertExists(manager: EntityManager, organizationId: string, flagKey: string): Promise<void> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM organizations WHERE id = $1) AS organization, EXISTS (SELECT 1 FROM feature_flags WHERE key = $2) AS flag`,
      [organizationId, flagKey],
    );
    if (!row.organization) throw featureFlagErrors.organizationNotFound();
    if (!row.flag) throw featureFlagErrors.notFound();
  }
}
