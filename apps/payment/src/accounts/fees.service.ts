import { Injectable, Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type DossierFeeLine, type DossierReceivedV1, type FeeDue, feeLinesOf, totalVnd } from '@onestop/domain';
import { type Caller, Clock, OutboxService, ProblemException, writeEvent } from '@onestop/platform';
import { CatalogClient } from '../clients/catalog.client.js';
import { PaymentConfig } from '../config.js';
import { AccountsRepository, type Bill, type DossierAccount } from './accounts.repository.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A bill's reference: B and 11 Crockford base32 characters, letters and digits only as the platform takes them. */
function billReference(): string {
  const bytes = randomBytes(11);
  return `B${[...bytes].map((b) => CROCKFORD[b % 32]).join('')}`;
}

/** Where the applicant starts paying a dossier's open bill online. */
export const onlinePath = (dossierCode: string) => `/api/v1/payments/dossiers/${encodeURIComponent(dossierCode)}/online`;

/**
 * The dossier's fees: the assessment at reception (the procedure version's lines, from catalog),
 * fees an officer assesses during processing, and the bills that ask for them. Each bill is
 * announced (PaymentRequested); one assessed during processing stops the clock until paid.
 */
@Injectable()
export class FeesService {
  private readonly logger = new Logger('Fees');

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly catalog: CatalogClient,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: PaymentConfig,
  ) {}

  /**
   * Intake received a dossier: its account, and the fee lines of the version it is judged by,
   * one bill per due time (with the submission, before the result). A redelivery changes nothing.
   */
  async received(event: DossierReceivedV1, manager: EntityManager): Promise<void> {
    const known = await this.accounts.find(event.dossierCode, manager);
    if (known) return;
    const fees = await this.catalog.versionFees(event.procedureCode, event.procedureVersionNo);
    const receivedAt = new Date(event.receivedAt);
    await this.accounts.open(
      {
        dossierCode: event.dossierCode,
        procedureCode: event.procedureCode,
        procedureVersionNo: event.procedureVersionNo,
        procedureName: event.procedureName,
        receivingAgencyCode: event.receivingAgencyCode,
        competentAgencyCode: event.competentAgencyCode,
        channel: event.channel,
        receivedAt,
      },
      manager,
    );
    if (fees === null) {
      this.logger.error(`dossier ${event.dossierCode}: catalog has no version ${event.procedureVersionNo} of ${event.procedureCode}; no fees assessed`);
      return;
    }
    const lines = feeLinesOf(fees);
    const free = lines.filter((line) => line.amountVnd === 0);
    if (free.length) await this.accounts.insertLines(event.dossierCode, null, free, 'procedure', null, receivedAt, manager);
    for (const due of ['at_submission', 'before_result'] as const) {
      const charged = lines.filter((line) => line.amountVnd > 0 && line.due === due);
      if (charged.length) await this.request(manager, event.dossierCode, event.receivingAgencyCode, charged, { due, stopsClock: false, by: 'system', reason: null, source: 'procedure', at: receivedAt });
    }
  }

  /** An officer assesses further fees during processing: a bill that stops the clock until paid (national status 6). */
  async assess(caller: Caller, dossierCode: string, lines: DossierFeeLine[], reason: string): Promise<Bill> {
    return this.outbox.transaction(async ({ manager }) => {
      const account = await this.accounts.find(dossierCode, manager, true);
      if (!account) throw ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode} that you may see.`);
      if (account.closedAt) throw ProblemException.conflict('dossier-closed', `The dossier is ${account.closedReason ?? 'closed'}: no fee can be asked for it.`, { closedReason: account.closedReason });
      const codes = new Set((await this.accounts.lines(dossierCode, manager)).map((line) => line.code));
      const problems = lines.flatMap((line, i) => (codes.has(line.code) ? [{ field: `lines[${i}].code`, reason: `the dossier has a fee line ${line.code} already` }] : []));
      lines.forEach((line, i) => {
        if (lines.findIndex((other) => other.code === line.code) !== i) problems.push({ field: `lines[${i}].code`, reason: `is ${line.code} again` });
      });
      if (problems.length) throw ProblemException.unprocessable('invalid-fee-lines', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
      if (await this.accounts.openBill(dossierCode, manager)) {
        // One wait at a time: the clock stops once, for the bill that asks everything still due.
        throw ProblemException.conflict('bill-open', 'The dossier has an unpaid bill: it is paid (or cancelled) before another fee is assessed.');
      }
      return this.request(manager, dossierCode, account.receivingAgencyCode, lines, { due: 'before_result', stopsClock: true, by: caller.subject, reason, source: 'assessed', at: this.clock.now() });
    });
  }

  /** A refused, stopped or withdrawn dossier: its open bills are cancelled and no fee is asked any more. */
  async closed(dossierCode: string, status: string, at: Date, manager: EntityManager): Promise<void> {
    const account = await this.accounts.find(dossierCode, manager, true);
    if (!account || account.closedAt) return;
    await this.accounts.close(dossierCode, at, status, manager);
    const cancelled = await this.accounts.cancelOpen(dossierCode, at, manager);
    if (cancelled.length) this.logger.log(`dossier ${dossierCode} ${status}: ${cancelled.length} open bill(s) cancelled`);
  }

  async account(dossierCode: string): Promise<DossierAccount> {
    const account = await this.accounts.find(dossierCode);
    if (!account) throw ProblemException.notFound('dossier-not-found', `No dossier ${dossierCode} that you may see.`);
    return account;
  }

  private async request(
    manager: EntityManager,
    dossierCode: string,
    agencyCode: string,
    lines: DossierFeeLine[],
    how: { due: FeeDue; stopsClock: boolean; by: string; reason: string | null; source: 'procedure' | 'assessed'; at: Date },
  ): Promise<Bill> {
    const bill: Bill = {
      id: randomUUID(),
      reference: billReference(),
      dossierCode,
      agencyCode,
      amountVnd: BigInt(totalVnd(lines)),
      due: how.due,
      stopsClock: how.stopsClock,
      status: 'open',
      requestedAt: how.at,
      requestedBy: how.by,
      reason: how.reason,
      expiresAt: new Date(how.at.getTime() + this.config.BILL_TTL_HOURS * 3_600_000),
      paidAt: null,
      cancelledAt: null,
      attempts: 0,
    };
    await this.accounts.insertBill(bill, manager);
    await this.accounts.insertLines(dossierCode, bill.id, lines, how.source, how.source === 'assessed' ? how.by : null, how.at, manager);
    await writeEvent(manager, 'PaymentRequested', {
      dossierCode,
      agencyCode,
      billId: bill.id,
      reference: bill.reference,
      lines,
      amountVnd: Number(bill.amountVnd),
      due: bill.due,
      stopsClock: bill.stopsClock,
      requestedAt: bill.requestedAt.toISOString(),
      requestedBy: bill.requestedBy,
      reason: bill.reason,
      howToPay: { online: true, onlinePath: onlinePath(dossierCode), counter: true },
      expiresAt: bill.expiresAt.toISOString(),
    });
    return bill;
  }
}
