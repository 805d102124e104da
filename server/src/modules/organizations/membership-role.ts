import { registerEnumType } from 'type-graphql';

export enum MembershipRole {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'What a user may do in one organization: owners and admins act, members read.',
});

const rank: Record<MembershipRole, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

/** True when `role` is at least as strong as `required`. */
export function roleSatisfies(role: MembershipRole, required: MembershipRole): boolean {
  return rank[role] >= rank[required];
}
