import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { OutboxRelay } from './outbox.relay.js';

/** Key in `QueryRunner.data`, TypeORM's place for what a transaction shares with subscribers. */
const EVENTS_WRITTEN = 'outboxEventsWritten';

/**
 * Notes on the transaction's query runner that it wrote an event, for `DeliveryOnCommit`. An
 * event is written with the change it announces or not at all, so a manager outside a
 * transaction (whose statements would commit one by one) is refused.
 */
export function markEventWritten(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('An event is written inside the transaction of the change it announces: pass that transaction\'s manager.');
  runner.data[EVENTS_WRITTEN] = true;
}

/**
 * Starts delivery as soon as a transaction that wrote events commits, whoever ran it
 * (`OutboxService.transaction`, an inbox handler's transaction, a plain `dataSource.transaction`),
 * so no caller has to remember to; a transaction rolled back starts nothing, and events written
 * outside this process's transactions still leave at the relay's next poll.
 */
@Injectable()
export class DeliveryOnCommit implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {
    // The data source is built before any provider that injects it, so it cannot be given this one in its options.
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // TypeORM announces a savepoint's release as a commit too: only the outermost one makes the events visible.
    if (event.queryRunner.isTransactionActive || !takeMark(event.queryRunner)) return;
    this.relay.nudge();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeMark(event.queryRunner);
  }
}

function takeMark(runner: QueryRunner): boolean {
  const written = runner.data[EVENTS_WRITTEN] === true;
  delete runner.data[EVENTS_WRITTEN];
  return written;
}
