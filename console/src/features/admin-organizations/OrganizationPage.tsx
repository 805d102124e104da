import { useQuery } from '@apollo/client/react';
import { Anchor, Breadcrumbs, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorCode, hasErrorCode } from '../../apollo/errors';
import { NotFoundView } from '../../components/ForbiddenView';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { AdminOrganizationDetailDocument } from './admin-organization.graphql';
import { CreditAdjustmentForm } from './CreditAdjustmentForm';
import { EntitlementUsageList } from './EntitlementUsageList';
import { OrganizationCreditHistory } from './OrganizationCreditHistory';
import { OrganizationInvoices } from './OrganizationInvoices';
import { OrganizationMembers } from './OrganizationMembers';
import { AuditTrail } from '../admin-audit/AuditTrail';
import { SubscriptionSummary } from './SubscriptionSummary';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** One organization as the platform sees it: subscription, usage, credits (with adjustments), invoices, audit trail. */
export function OrganizationPage() {
  const { organizationId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(AdminOrganizationDetailDocument, { variables: { organizationId } });
  if (hasErrorCode(error, ErrorCode.NotFound)) return <NotFoundView />;

  return (
    <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
      {({ adminOrganization: organization, adminSubscription, adminEntitlements, adminCreditBalance }) => (
        <Stack>
          <Breadcrumbs>
            <Anchor component={Link} to="/admin/organizations">
              Organizations
            </Anchor>
            <Text>{organization.name}</Text>
          </Breadcrumbs>
          <PageHeader title={organization.name} description={`${organization.slug} · created ${formatDate(organization.createdAt)}`} />
          <Section title="Subscription">
            <SubscriptionSummary subscription={adminSubscription} />
          </Section>
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Section title="Usage this period">
                <EntitlementUsageList features={adminEntitlements.features} />
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Section title="Credits" testId="admin-credit-section">
                <Group gap="xl" mb="md">
                  <Stack gap={0}>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                      Balance
                    </Text>
                    <Text size="xl" fw={700} data-testid="admin-credit-balance">
                      {formatCount(adminCreditBalance.total)}
                    </Text>
                  </Stack>
                  <Text size="sm" c="dimmed">
                    {formatCount(adminCreditBalance.purchased)} purchased · {formatCount(adminCreditBalance.subscription)} subscription
                  </Text>
                </Group>
                <CreditAdjustmentForm organizationId={organization.id} />
              </Section>
            </Grid.Col>
          </Grid>
          <Section title="Credit history">
            <OrganizationCreditHistory organizationId={organization.id} />
          </Section>
          <Grid>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Section title="Invoices">
                <OrganizationInvoices organizationId={organization.id} />
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Section title="Members">
                <OrganizationMembers organizationId={organization.id} />
              </Section>
            </Grid.Col>
          </Grid>
          <Section title="Audit trail" testId="admin-organization-audit">
            <AuditTrail organizationId={organization.id} />
          </Section>
        </Stack>
      )}
    </QueryBoundary>
  );
}

