import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryStates';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import type { CreditsBalanceQuery } from '../../gql/graphql';
import { goToHostedPage } from '../checkout/hosted-page';
import { notifyFailure } from '../overview/notify';
import { useCurrentOrganization } from '../session/organization-context';
import { CreditsBalanceDocument, CreditsPurchaseDocument } from './credits.graphql';
import { TransactionHistory } from './TransactionHistory';

export function CreditsPage() {
  const organization = useCurrentOrganization();
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(CreditsBalanceDocument, { variables: { organizationId: organization.id } });
  return (
    <Stack gap="lg">
      <PageHeader title="Credits" description="Credits pay for metered actions of your apps. Purchased credits never expire; plan credits expire at the end of each period." />
      {params.get('checkout') === 'canceled' && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} title="Purchase canceled">
          Nothing was charged.
        </Alert>
      )}
      <QueryBoundary data={data} loading={loading} error={error} onRetry={refetch}>
        {(loaded) => (
          <Stack gap="lg">
            <BalanceCard balance={loaded.creditBalance} />
            <CreditPacks products={loaded.creditProducts} />
          </Stack>
        )}
      </QueryBoundary>
      <TransactionHistory eventNames={new Map((data?.creditEvents ?? []).map((event) => [event.key, event.name]))} />
    </Stack>
  );
}

function BalanceCard({ balance }: { balance: CreditsBalanceQuery['creditBalance'] }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="credit-balance-title">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
        <Stack gap={4}>
          <Group gap="xs">
            <Text component="h3" m={0} id="credit-balance-title" size="sm" c="dimmed" fw={600} tt="uppercase">
              Balance
            </Text>
            {balance.belowThreshold && (
              <Badge color="orange" variant="light">
                Below {formatCount(balance.lowBalanceThreshold)}
              </Badge>
            )}
          </Group>
          <Group gap={6} align="baseline">
            <Text fz={32} fw={700} lh={1.2} data-testid="credit-balance">
              {formatCount(balance.total)}
            </Text>
            <Text c="dimmed">credits</Text>
          </Group>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Purchased
          </Text>
          <Text fw={600} data-testid="credit-balance-purchased">
            {formatCount(balance.purchased)}
          </Text>
          <Text size="xs" c="dimmed">
            Never expire
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            From your plan
          </Text>
          <Text fw={600} data-testid="credit-balance-subscription">
            {formatCount(balance.subscription)}
          </Text>
          <Text size="xs" c="dimmed">
            {balance.nextExpiry
              ? `${formatCount(balance.nextExpiry.amount)} expire on ${formatDate(balance.nextExpiry.at)}`
              : 'Nothing expires soon'}
          </Text>
        </Stack>
      </SimpleGrid>
    </Card>
  );
}

function CreditPacks({ products }: { products: CreditsBalanceQuery['creditProducts'] }) {
  const organization = useCurrentOrganization();
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [purchase] = useMutation(CreditsPurchaseDocument);
  const buy = async (product: CreditsBalanceQuery['creditProducts'][number]) => {
    setBusyKey(product.key);
    try {
      const result = await purchase({ variables: { organizationId: organization.id, input: { productKey: product.key } } });
      // Stays busy while the browser leaves for Checkout.
      if (result.data) return goToHostedPage(result.data.purchaseCredits.url);
    } catch (error) {
      notifyFailure(`${product.name} could not be bought`, error);
    }
    setBusyKey(null);
  };
  if (products.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="credit-packs-title">
      <Group justify="space-between">
        <Text component="h3" m={0} id="credit-packs-title" fw={600}>
          Buy credits
        </Text>
        {!organization.canAct && (
          <Text size="sm" c="dimmed">
            Only owners and admins can buy credits.
          </Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: Math.min(products.length, 3) }} spacing="md">
        {products.map((product) => (
          <Card key={product.id} withBorder padding="md">
            <Stack gap="xs" h="100%">
              <Group justify="space-between" align="baseline" wrap="nowrap">
                <Text fw={700}>{product.name}</Text>
                <Text fw={700}>
                  <Money value={product.price} compactWhole />
                </Text>
              </Group>
              {product.description && (
                <Text size="sm" c="dimmed">
                  {product.description}
                </Text>
              )}
              {organization.canAct && (
                <Button
                  mt="auto"
                  variant="light"
                  loading={busyKey === product.key}
                  disabled={busyKey !== null && busyKey !== product.key}
                  onClick={() => void buy(product)}
                >
                  Buy {formatCount(product.credits)} credits
                </Button>
              )}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
