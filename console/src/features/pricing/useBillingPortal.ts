import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { useCurrentOrganization } from '../session/organization-context';
import { goToHostedPage } from '../checkout/hosted-page';
import { notifyFailure } from '../overview/notify';
import { BillingPortalOpenDocument } from './pricing.graphql';

/** Opens Stripe's customer portal (payment method, invoices) for the current organization. */
export function useBillingPortal() {
  const organization = useCurrentOrganization();
  const [mutate, { loading }] = useMutation(BillingPortalOpenDocument);
  const openPortal = useCallback(async () => {
    try {
      const result = await mutate({ variables: { organizationId: organization.id } });
      if (result.data) goToHostedPage(result.data.createPortalSession.url);
    } catch (error) {
      notifyFailure('The billing portal could not be opened', error);
    }
  }, [mutate, organization.id]);
  return { openPortal, loading };
}
