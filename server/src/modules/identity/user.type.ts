import { Field, ID, ObjectType } from 'type-graphql';
import type { UserEntity } from './user.entity';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String, { nullable: true })
  displayName: string | null;

  @Field(() => Boolean, { description: 'Runs the whole Tollgate installation (not an organization role).' })
  isPlatformAdmin: boolean;

  @Field(() => Date)
  createdAt: Date;

  static from(user: UserEntity): UserType {
    return Object.assign(new UserType(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      isPlatformAdmin: user.isPlatformAdmin,
      createdAt: user.createdAt,
    });
  }
}
