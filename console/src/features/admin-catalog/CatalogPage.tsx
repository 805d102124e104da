import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconBrandStripe } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { StripeMode } from '../../gql/enums';
import { AdminCatalogStripeModeDocument, AdminCatalogStripeSyncDocument } from './catalog.graphql';
import { notifyFailed } from './CatalogForm';
import { CreditEventsTab } from './CreditEventsTab';
import { CreditProductsTab } from './CreditProductsTab';
import { FeaturesTab } from './FeaturesTab';
import { PlansTab } from './PlansTab';
import type { StripeSyncResult } from './stripe-sync';
import { StripeSyncPanel } from './StripeSyncPanel';

const TABS = [
  { value: 'plans', label: 'Plans' },
  { value: 'features', label: 'Features' },
  { value: 'credit-events', label: 'Credit events' },
  { value: 'credit-products', label: 'Credit products' },
] as const;
type TabValue = (typeof TABS)[number]['value'];

const isTab = (value: string | null): value is TabValue => TABS.some((tab) => tab.value === value);

export function StripeModeBadge({ mode }: { mode: StripeMode | undefined }) {
  if (!mode) return null;
  const live = mode === StripeMode.Live;
  return (
    <Tooltip label={live ? 'Real Stripe account: real products, prices and money' : 'The built-in Stripe sandbox: test cards, no real money'}>
      <Badge size="lg" variant="light" color={live ? 'red' : 'yellow'} data-testid="stripe-mode">
        Stripe: {live ? 'live' : 'sandbox'}
      </Badge>
    </Tooltip>
  );
}

function SyncToStripeButton({ mode, onResult }: { mode: StripeMode | undefined; onResult: (result: StripeSyncResult) => void }) {
  const [sync, { loading }] = useMutation(AdminCatalogStripeSyncDocument);
  const run = () =>
    sync().then(
      (answer) => {
        if (answer.data) onResult(answer.data.syncCatalogToStripe);
      },
      (error: unknown) => notifyFailed('The catalog could not be synced to Stripe', error),
    );
  return (
    <Button
      leftSection={<IconBrandStripe size={18} />}
      loading={loading}
      onClick={() => {
        // In live mode this writes to the real Stripe account: ask first. The sandbox is safe to sync any time.
        if (mode !== StripeMode.Live) return void run();
        modals.openConfirmModal({
          title: 'Sync the catalog to live Stripe?',
          children: (
            <Text size="sm">
              Products, prices and meters in your live Stripe account are created or updated to match the catalog. Existing subscriptions keep their
              prices.
            </Text>
          ),
          labels: { confirm: 'Sync to live Stripe', cancel: 'Cancel' },
          onConfirm: () => void run(),
        });
      }}
    >
      Sync to Stripe
    </Button>
  );
}

export function CatalogPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabValue = isTab(requested) ? requested : 'plans';
  const { data: modeData } = useQuery(AdminCatalogStripeModeDocument);
  const [syncResult, setSyncResult] = useState<StripeSyncResult | null>(null);
  const mode = modeData?.stripeMode;

  return (
    <Stack gap="md">
      <PageHeader
        title="Catalog"
        description="Plans, features and what costs credits. Changes apply to new subscribers and purchases; existing ones keep their terms."
        actions={
          <>
            <StripeModeBadge mode={mode} />
            <SyncToStripeButton mode={mode} onResult={setSyncResult} />
          </>
        }
      />
      {syncResult && <StripeSyncPanel result={syncResult} onClose={() => setSyncResult(null)} />}
      <Tabs
        value={tab}
        onChange={(value) => {
          if (isTab(value)) setSearchParams(value === 'plans' ? {} : { tab: value }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="plans">
          <PlansTab />
        </Tabs.Panel>
        <Tabs.Panel value="features">
          <FeaturesTab />
        </Tabs.Panel>
        <Tabs.Panel value="credit-events">
          <CreditEventsTab />
        </Tabs.Panel>
        <Tabs.Panel value="credit-products">
          <CreditProductsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
