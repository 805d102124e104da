import { isUuid } from '../../shared/uuid';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/pg-errors';
import { type Page, type PageRequest, keysetPage } from '../../shared/pagination';
import { UserEntity } from '../identity/user.entity';
import { MembershipRole } from './membership-role';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { organizationErrors } from './organizations.errors';

export interface OrganizationMember {
  user: UserEntity;
  role: MembershipRole;
  joinedAt: Date;
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 40)
    .replace(/^-|-$/g, '');
  return base || 'org';
}

/** Work another module does when an organization is born (e.g. starting it on the free plan), in the same transaction. */
export type OrganizationCreatedHook = (manager: EntityManager, organizationId: string, ownerUserId: string) => Promise<void>;

/** Organizations (tenants) and who belongs to them. */
export class OrganizationService {
  private readonly createdHooks: OrganizationCreatedHook[] = [];

  constructor(private readonly database: Database) {}

  onOrganizationCreated(hook: OrganizationCreatedHook): void {
    this.createdHooks.push(hook);
  }

  /** Inside a caller's platform transaction: sign-up and "new organization" both land here. */
  async createWithOwner(manager: EntityManager, name: string, ownerUserId: string): Promise<OrganizationEntity> {
    const base = slugify(name);
    const taken = await manager.existsBy(OrganizationEntity, { slug: base });
    const slug = taken ? `${base}-${Math.random().toString(36).slice(2, 8)}` : base;
    const organization = await manager.save(manager.create(OrganizationEntity, { name: name.trim(), slug }));
    await manager.insert(MembershipEntity, { organizationId: organization.id, userId: ownerUserId, role: MembershipRole.OWNER });
    for (const hook of this.createdHooks) await hook(manager, organization.id, ownerUserId);
    return organization;
  }

  createForUser(name: string, ownerUserId: string): Promise<OrganizationEntity> {
    return this.database.asPlatform((manager) => this.createWithOwner(manager, name, ownerUserId));
  }

  /** Authorization lookup: the user's role in one organization, or null. */
  async roleOf(userId: string, organizationId: string): Promise<MembershipRole | null> {
    const membership = await this.database.asPlatform((m) => m.findOneBy(MembershipEntity, { userId, organizationId }));
    return membership?.role ?? null;
  }

  /** Every organization a user belongs to, for `me` and the organization switcher. */
  async membershipsOf(userId: string): Promise<Array<{ organization: OrganizationEntity; role: MembershipRole; joinedAt: Date }>> {
    const rows = await this.database.asPlatform((m) =>
      m
        .createQueryBuilder(MembershipEntity, 'membership')
        .innerJoinAndMapOne('membership.organization', OrganizationEntity, 'organization', 'organization.id = membership.organization_id')
        .where('membership.user_id = :userId', { userId })
        .orderBy('membership.created_at', 'ASC')
        .getMany(),
    );
    return rows.map((row) => ({
      organization: (row as MembershipEntity & { organization: OrganizationEntity }).organization,
      role: row.role,
      joinedAt: row.createdAt,
    }));
  }

  async get(organizationId: string): Promise<OrganizationEntity> {
    if (!isUuid(organizationId)) throw organizationErrors.notFound();
    const organization = await this.database.inTenant(organizationId, (m) => m.findOneBy(OrganizationEntity, { id: organizationId }));
    if (!organization) throw organizationErrors.notFound();
    return organization;
  }

  async members(organizationId: string, page: PageRequest): Promise<Page<OrganizationMember>> {
    return this.database.inTenant(organizationId, async (manager) => {
      const query = manager
        .createQueryBuilder(MembershipEntity, 'membership')
        .innerJoinAndMapOne('membership.user', UserEntity, 'member', 'member.id = membership.user_id')
        .where('membership.organization_id = :organizationId', { organizationId });
      const result = await keysetPage(query, 'membership', page);
      return {
        ...result,
        items: result.items.map((row) => ({
          user: (row as MembershipEntity & { user: UserEntity }).user,
          role: row.role,
          joinedAt: row.createdAt,
        })),
      };
    });
  }

  /** Adds an existing user (by email) to the organization. */
  async addMember(organizationId: string, email: string, role: MembershipRole, actorRole: MembershipRole): Promise<OrganizationMember> {
    if (role === MembershipRole.OWNER && actorRole !== MembershipRole.OWNER) throw organizationErrors.roleTooLow(MembershipRole.OWNER);
    const user = await this.database.asPlatform((m) => m.findOneBy(UserEntity, { email: email.trim().toLowerCase() }));
    if (!user) throw organizationErrors.userNotFound();
    try {
      const membership = await this.database.inTenant(organizationId, (m) =>
        m.save(m.create(MembershipEntity, { organizationId, userId: user.id, role })),
      );
      return { user, role, joinedAt: membership.createdAt };
    } catch (error) {
      if (isUniqueViolation(error, 'uq_memberships_org_user')) throw organizationErrors.alreadyMember();
      throw error;
    }
  }

  /** Platform-admin listing across all tenants. */
  async listAll(search: string | undefined, page: PageRequest): Promise<Page<OrganizationEntity>> {
    return this.database.asPlatform(async (manager) => {
      const query = manager.createQueryBuilder(OrganizationEntity, 'organization');
      if (search?.trim()) {
        query.where('(organization.name ILIKE :pattern OR organization.slug ILIKE :pattern)', {
          pattern: `%${search.trim().replace(/[%_\\]/g, '\\$&')}%`,
        });
      }
      return keysetPage(query, 'organization', page);
    });
  }
}
