import { Module } from '@nestjs/common';
import { PlatformModule } from '@onestop/platform';
import { IntakeConfig } from './config.js';
import { INTAKE_MIGRATIONS } from './migrations/index.js';
import { Dossier } from './dossiers/dossier.entity.js';
import { DossiersModule } from './dossiers/dossiers.module.js';
import { SyncModule } from './sync/sync.module.js';
import { FormsModule } from './forms/forms.module.js';
import { LookupModule } from './lookup/lookup.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { InternalModule } from './internal/internal.module.js';
import { StatusModule } from './status/status.module.js';
import { DocumentStoreModule } from './document-store/document-store.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';

/** Dossier reception on every channel, receipts, supplements, withdrawal, lookup, complaints. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'intake', config: IntakeConfig, entities: [Dossier], migrations: INTAKE_MIGRATIONS }),
    DossiersModule,
    SyncModule,
    FormsModule,
    LookupModule,
    ComplaintsModule,
    DocumentsModule,
    DocumentStoreModule,
    PersonalDataModule,
    InternalModule,
    StatusModule,
  ],
})
export class IntakeModule {}
