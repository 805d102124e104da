import { graphql } from '../../gql';

export const ViewerDocument = graphql(`
  query Viewer {
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
`);

export const SessionLogInDocument = graphql(`
  mutation SessionLogIn($input: LogInInput!) {
    logIn(input: $input) {
      user {
        id
      }
    }
  }
`);

export const SessionSignUpDocument = graphql(`
  mutation SessionSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
      }
    }
  }
`);

export const SessionLogOutDocument = graphql(`
  mutation SessionLogOut {
    logOut
  }
`);
