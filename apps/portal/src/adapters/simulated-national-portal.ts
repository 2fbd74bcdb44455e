import { Injectable } from '@nestjs/common';
import { PORTAL_SERVICES, type PortalAnswer, portalAnswerOf } from '../mapping/portal-mapping.js';
import { MonitoringSystem, NationalPortal, PortalUnavailableError } from './national-portal.js';
import { SimulatedPortalRepository } from './simulated-portal.repository.js';

/** How the simulated portal behaves; developers and tests change it through `/internal/simulated-national-portal`. */
export interface SimulatedPortalBehaviour {
  /** False: it is down (every call fails as unavailable). */
  available: boolean;
}

/**
 * The built-in National Public Service Portal for development (`npm start`): it answers as the
 * portal does (TraCuuHoSo lists the dossiers it has, a first DongBoHoSoMC of a dossier it has is
 * "already exists", progress of a dossier it lacks is refused) and records every call it
 * received in the connector's schema, for `GET /api/v1/national-portal/simulated-calls`.
 */
@Injectable()
export class SimulatedNationalPortal extends NationalPortal {
  readonly kind = 'simulated' as const;
  private behaviour: SimulatedPortalBehaviour = { available: true };

  constructor(private readonly book: SimulatedPortalRepository) {
    super();
  }

  currentBehaviour(): SimulatedPortalBehaviour {
    return { ...this.behaviour };
  }

  behave(change: Partial<SimulatedPortalBehaviour>): SimulatedPortalBehaviour {
    this.behaviour = { ...this.behaviour, ...change };
    return this.currentBehaviour();
  }

  async call(service: string, fields: Record<string, unknown>): Promise<PortalAnswer> {
    if (!this.behaviour.available) throw new PortalUnavailableError('the simulated portal is down');
    const answer = await this.answer(service, fields);
    const data = Array.isArray(fields.data) ? (fields.data as Array<Record<string, unknown>>) : [];
    const code = typeof fields.mahoso === 'string' ? fields.mahoso : typeof data[0]?.MaHoSo === 'string' ? (data[0].MaHoSo as string) : null;
    await this.book.record({ target: 'portal', service, dossierCode: code, body: { service, ...fields }, answer });
    return portalAnswerOf(answer);
  }

  private async answer(service: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const data = Array.isArray(fields.data) ? (fields.data as Array<Record<string, unknown>>) : [];
    switch (service) {
      case PORTAL_SERVICES.lookup: {
        const code = String(fields.mahoso ?? '');
        return { error_code: '0', message: 'Thành công', result: (await this.book.knows(code)) ? [{ MaHoSo: code }] : [] };
      }
      case PORTAL_SERVICES.dossier: {
        for (const item of data) {
          const code = String(item.MaHoSo ?? '');
          if (fields.isUpdating === 'False' && (await this.book.knows(code))) return { error_code: '-1', message: `Hồ sơ ${code} đã tồn tại` };
          await this.book.keep(code, item);
        }
        return { error_code: '0', message: 'Thành công' };
      }
      case PORTAL_SERVICES.progress: {
        for (const item of data) {
          if (!(await this.book.knows(String(item.MaHoSo ?? '')))) return { error_code: '-1', message: `Không tìm thấy hồ sơ ${String(item.MaHoSo)}` };
        }
        return { error_code: '0', message: 'Thành công' };
      }
      default:
        return { error_code: '-1', message: `Dịch vụ ${service} không được hỗ trợ` };
    }
  }
}

/** The built-in EMC for development: takes every report and records it beside the portal's calls. */
@Injectable()
export class SimulatedMonitoringSystem extends MonitoringSystem {
  readonly kind = 'simulated' as const;

  constructor(private readonly book: SimulatedPortalRepository) {
    super();
  }

  async report(report: Record<string, unknown>): Promise<PortalAnswer> {
    const answer = { error_code: '0', message: 'Thành công' };
    await this.book.record({ target: 'emc', service: 'EMC', dossierCode: typeof report.MaHoSo === 'string' ? report.MaHoSo : null, body: report, answer });
    return portalAnswerOf(answer);
  }
}
