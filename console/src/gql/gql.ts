/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n": typeof types.AdminOrganizationDetailDocument,
    "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrganizationCreditHistoryDocument,
    "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrganizationInvoicesDocument,
    "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n": typeof types.AdminCreditsAdjustDocument,
    "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": typeof types.OrganizationCreateDocument,
    "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SessionLogInDocument,
    "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SessionSignUpDocument,
    "\n  mutation SessionLogOut {\n    logOut\n  }\n": typeof types.SessionLogOutDocument,
};
const documents: Documents = {
    "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n": types.AdminOrganizationDetailDocument,
    "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrganizationCreditHistoryDocument,
    "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrganizationInvoicesDocument,
    "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n": types.AdminCreditsAdjustDocument,
    "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n": types.OrganizationCreateDocument,
    "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SessionLogInDocument,
    "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.SessionSignUpDocument,
    "\n  mutation SessionLogOut {\n    logOut\n  }\n": types.SessionLogOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationDetail($organizationId: ID!) {\n    adminOrganization(organizationId: $organizationId) {\n      id\n      name\n      slug\n      createdAt\n    }\n    adminSubscription(organizationId: $organizationId) {\n      id\n      planKey\n      planName\n      planVersion\n      status\n      billingInterval\n      currentPeriodStart\n      currentPeriodEnd\n      cancelAtPeriodEnd\n      trialEnd\n      trialDaysLeft\n      scheduledChange {\n        planName\n        effectiveAt\n      }\n    }\n    adminEntitlements(organizationId: $organizationId) {\n      features {\n        featureKey\n        name\n        kind\n        enabled\n        used\n        limit\n        unit\n        resetsAt\n        warningLevel\n      }\n    }\n    adminCreditBalance(organizationId: $organizationId) {\n      organizationId\n      total\n      purchased\n      subscription\n      lowBalanceThreshold\n      belowThreshold\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationCreditHistory($organizationId: ID!, $after: String) {\n    adminCreditTransactions(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        kind\n        amount\n        balanceAfter\n        eventKey\n        reason\n        actorType\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganizationInvoices($organizationId: ID!, $after: String) {\n    adminInvoices(organizationId: $organizationId, first: 10, after: $after) {\n      nodes {\n        id\n        number\n        status\n        amountDue {\n          amountMinor\n          currency\n        }\n        periodStart\n        periodEnd\n        createdAt\n        hostedInvoiceUrl\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreditsAdjust($organizationId: ID!, $input: AdjustCreditsInput!) {\n    adminAdjustCredits(organizationId: $organizationId, input: $input) {\n      id\n      amount\n      balanceAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OrganizationCreate($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      user {\n        id\n        email\n        displayName\n        isPlatformAdmin\n      }\n      memberships {\n        role\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionLogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionLogOut {\n    logOut\n  }\n"): (typeof documents)["\n  mutation SessionLogOut {\n    logOut\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;