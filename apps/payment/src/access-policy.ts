import type { Role } from '@onestop/domain';
import { accessPolicy, type Caller } from '@onestop/platform';

const AGENCY_OFFICERS: readonly Role[] = ['reception', 'specialist', 'leader'];

/** An officer of one of the agencies (receiving or competent) that handle the dossier, or an admin. */
function actsFor(caller: Caller, agencies: { receivingAgencyCode: string; competentAgencyCode: string }, roles: readonly Role[] = AGENCY_OFFICERS): boolean {
  if (caller.roles.includes('admin')) return true;
  return caller.roles.some((role) => roles.includes(role)) && (caller.agencyCodes.includes(agencies.receivingAgencyCode) || caller.agencyCodes.includes(agencies.competentAgencyCode));
}

/** Who may call payment's operations. */
export const PaymentAccess = accessPolicy('payment', {
  /**
   * A dossier's fees, bills, payments and receipts: its applicant (signed in, as intake judges, or
   * with the lookup code), the officers of its agencies, the postal operator collecting fees, and
   * admins. Starting an online payment is open to the same people.
   */
  readDossierFees: {
    entry: 'lookup-code',
    roles: ['citizen', ...AGENCY_OFFICERS, 'postal', 'admin'],
    checkedByHandler: true,
    operations: ['GET /api/v1/payments/dossiers/{code}', 'POST /api/v1/payments/dossiers/{code}/online', 'GET /api/v1/receipts/{id}'],
    /** Sees every dossier's account without asking intake. */
    seesAll(caller: Caller, account: { receivingAgencyCode: string; competentAgencyCode: string }): boolean {
      return caller.roles.includes('postal') || actsFor(caller, account);
    },
  },
  /** An officer of the dossier's agencies assesses a fee during processing (some depend on the appraisal). */
  assessFee: {
    roles: AGENCY_OFFICERS,
    operations: ['POST /api/v1/payments/dossiers/{code}/fees'],
    allows: (caller: Caller, account: { receivingAgencyCode: string; competentAgencyCode: string }) => actsFor(caller, account),
  },
  /** A payment at the counter (reception of the dossier's agencies) or to the postal worker (postal operator). */
  recordCounterPayment: {
    roles: ['reception', 'postal'],
    operations: ['POST /api/v1/payments/dossiers/{code}/counter-payments'],
    allows: (caller: Caller, account: { receivingAgencyCode: string; competentAgencyCode: string }) => caller.roles.includes('postal') || actsFor(caller, account, ['reception']),
  },
  /** Refunds of a refused or withdrawn dossier's fees, and voids of receipts: reception and leaders of its agencies. */
  refund: {
    roles: ['reception', 'leader', 'admin'],
    operations: ['POST /api/v1/payments/dossiers/{code}/refunds', 'POST /api/v1/receipts/{id}/void'],
    allows: (caller: Caller, account: { receivingAgencyCode: string; competentAgencyCode: string }) => actsFor(caller, account, ['reception', 'leader']),
  },
  /** Reconciliation with the platform, per day and agency: leaders of the agency, viewers and admins. */
  reconcile: {
    roles: ['leader', 'viewer', 'admin'],
    operations: ['GET /api/v1/payments/reconciliation'],
    /** Every agency's, or only the caller's own. */
    seesEveryAgency: (caller: Caller) => caller.roles.includes('admin') || caller.roles.includes('viewer'),
  },
  /** The platform's MaXacThuc over the message decides, not a credential of ours. */
  receivePlatformCallback: { entry: 'signed', operations: ['POST /api/v1/payment-callbacks/paygov', 'POST /api/v1/payment-callbacks/paygov/bills'] },
});
