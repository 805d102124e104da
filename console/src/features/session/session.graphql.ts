import { gql, type TypedDocumentNode } from '@apollo/client';

// Hand-typed until console codegen (../schema.graphql → src/gql/) lands; the shapes mirror the server schema.

export type MembershipRole = 'OWNER' | 'ADMIN' | 'MEMBER';

export interface ConsoleMeQuery {
  me: {
    user: { id: string; email: string; displayName: string | null; isPlatformAdmin: boolean };
    memberships: Array<{ role: MembershipRole; organization: { id: string; name: string; slug: string } }>;
  };
}

export type ConsoleMe = ConsoleMeQuery['me'];

export interface LogInInput {
  email: string;
  password: string;
}

/** `password` needs at least 10 characters; the user owns `organizationName`, their first organization. */
export interface SignUpInput {
  email: string;
  password: string;
  displayName?: string | null;
  organizationName: string;
}

interface AuthPayloadResult {
  user: { id: string; email: string };
}

export const ConsoleMeDocument: TypedDocumentNode<ConsoleMeQuery, Record<string, never>> = gql`
  query ConsoleMe {
    me {
      user {
        id
        email
        displayName
        isPlatformAdmin
      }
      memberships {
        role
        organization {
          id
          name
          slug
        }
      }
    }
  }
`;

export const ConsoleLogInDocument: TypedDocumentNode<{ logIn: AuthPayloadResult }, { input: LogInInput }> = gql`
  mutation ConsoleLogIn($input: LogInInput!) {
    logIn(input: $input) {
      user {
        id
        email
      }
    }
  }
`;

export const ConsoleSignUpDocument: TypedDocumentNode<{ signUp: AuthPayloadResult }, { input: SignUpInput }> = gql`
  mutation ConsoleSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        email
      }
    }
  }
`;

export const ConsoleLogOutDocument: TypedDocumentNode<{ logOut: boolean }, Record<string, never>> = gql`
  mutation ConsoleLogOut {
    logOut
  }
`;
