import type { BackendService } from '../services.js';
import type { ProcedureAbolishedV1, ProcedureAmendedV1, ProcedurePublishedV1 } from './catalog-events.js';
import type { ComplaintAnsweredV1, ComplaintFiledV1, DossierRatedV1, DossierReceivedV1, DossierWithdrawnV1, PersonalDataErasedV1, SupplementReceivedV1 } from './intake-events.js';
import type { CaseLatenessMarkedV1, DossierStatusChangedV1, DossierStatusChangedV2, ResultReadyV1 } from './workflow-events.js';
import type { ShipmentRegisteredV1, ShipmentStatusChangedV1 } from './postal-events.js';
import type { DossierSynchronisedV1 } from './portal-events.js';
import type { FeePaidV1, FeeRefundedV1, PaymentRequestedV1 } from './payment-events.js';
import type { ElectronicResultIssuedV1, ElectronicResultRevokedV1 } from './result-events.js';
import type { DocumentDigitisedV1, StoredDocumentReusedV1 } from './document-store-events.js';

/**
 * Every event type with the payload of each contract version. A new incompatible payload is a
 * new version; publishers keep emitting the old one until every subscriber understands the new.
 */
export interface EventContracts {
  ProcedurePublished: { 1: ProcedurePublishedV1 };
  ProcedureAmended: { 1: ProcedureAmendedV1 };
  ProcedureAbolished: { 1: ProcedureAbolishedV1 };
  DossierReceived: { 1: DossierReceivedV1 };
  SupplementReceived: { 1: SupplementReceivedV1 };
  DossierWithdrawn: { 1: DossierWithdrawnV1 };
  PersonalDataErased: { 1: PersonalDataErasedV1 };
  DossierRated: { 1: DossierRatedV1 };
  ComplaintFiled: { 1: ComplaintFiledV1 };
  ComplaintAnswered: { 1: ComplaintAnsweredV1 };
  DossierStatusChanged: { 1: DossierStatusChangedV1; 2: DossierStatusChangedV2 };
  ResultReady: { 1: ResultReadyV1 };
  CaseLatenessMarked: { 1: CaseLatenessMarkedV1 };
  ElectronicResultIssued: { 1: ElectronicResultIssuedV1 };
  ElectronicResultRevoked: { 1: ElectronicResultRevokedV1 };
  DocumentDigitised: { 1: DocumentDigitisedV1 };
  StoredDocumentReused: { 1: StoredDocumentReusedV1 };
  ShipmentRegistered: { 1: ShipmentRegisteredV1 };
  ShipmentStatusChanged: { 1: ShipmentStatusChangedV1 };
  DossierSynchronised: { 1: DossierSynchronisedV1 };
  PaymentRequested: { 1: PaymentRequestedV1 };
  FeePaid: { 1: FeePaidV1 };
  FeeRefunded: { 1: FeeRefundedV1 };
}

export type EventType = keyof EventContracts;
/** The versions a contract has. */
export type ContractVersion<T extends EventType> = keyof EventContracts[T] & number;

/** The version each publisher currently emits. */
export const CURRENT_EVENT_VERSIONS = {
  ProcedurePublished: 1,
  ProcedureAmended: 1,
  ProcedureAbolished: 1,
  DossierReceived: 1,
  SupplementReceived: 1,
  DossierWithdrawn: 1,
  PersonalDataErased: 1,
  DossierRated: 1,
  ComplaintFiled: 1,
  ComplaintAnswered: 1,
  DossierStatusChanged: 2,
  ResultReady: 1,
  CaseLatenessMarked: 1,
  ElectronicResultIssued: 1,
  ElectronicResultRevoked: 1,
  DocumentDigitised: 1,
  StoredDocumentReused: 1,
  ShipmentRegistered: 1,
  ShipmentStatusChanged: 1,
  DossierSynchronised: 1,
  PaymentRequested: 1,
  FeePaid: 1,
  FeeRefunded: 1,
} as const satisfies { [T in EventType]: ContractVersion<T> };

export type CurrentVersion<T extends EventType> = (typeof CURRENT_EVENT_VERSIONS)[T];
/** A payload of the contract: by default of the version publishers emit now, so a publisher cannot write an older one. */
export type EventPayload<T extends EventType, V extends number = CurrentVersion<T>> = V extends keyof EventContracts[T] ? EventContracts[T][V] : never;

export const EVENT_TYPES = Object.keys(CURRENT_EVENT_VERSIONS) as EventType[];

/**
 * Who receives what: the single map of the event flow between services. A publisher's outbox
 * delivers each event to every service listed for its type. A service is listed only once it
 * handles the type: an unhandled event is refused and retried, and a subscription added later
 * receives only the events written after it.
 */
export const EVENT_SUBSCRIPTIONS: { [S in BackendService]: readonly EventType[] } = {
  catalog: [],
  intake: ['DossierStatusChanged', 'ElectronicResultIssued', 'ElectronicResultRevoked'],
  workflow: ['DossierReceived', 'SupplementReceived', 'DossierWithdrawn', 'ShipmentStatusChanged', 'PaymentRequested', 'FeePaid'],
  postal: ['ResultReady', 'PersonalDataErased'],
  reporting: [
    'ProcedurePublished',
    'ProcedureAmended',
    'ProcedureAbolished',
    'DossierReceived',
    'DossierWithdrawn',
    'DossierRated',
    'ComplaintFiled',
    'ComplaintAnswered',
    'DossierStatusChanged',
    'ResultReady',
    'ShipmentRegistered',
    'ShipmentStatusChanged',
    'DocumentDigitised',
    'StoredDocumentReused',
    'PaymentRequested',
    'FeePaid',
    'FeeRefunded',
    'DossierSynchronised',
  ],
  portal: ['DossierReceived', 'DossierStatusChanged', 'ResultReady'],
  payment: ['DossierReceived', 'DossierStatusChanged'],
  notification: [
    'DossierReceived',
    'SupplementReceived',
    'ComplaintAnswered',
    'DossierStatusChanged',
    'ResultReady',
    'ShipmentStatusChanged',
    'PaymentRequested',
    'FeePaid',
    'CaseLatenessMarked',
    'PersonalDataErased',
  ],
};

export function subscribersOf(type: EventType): BackendService[] {
  return (Object.keys(EVENT_SUBSCRIPTIONS) as BackendService[]).filter((service) =>
    EVENT_SUBSCRIPTIONS[service].includes(type),
  );
}

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_EVENT_VERSIONS, value);
}
