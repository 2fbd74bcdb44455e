import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AdministrativeLevel } from './level.entity.js';

/** Every statement on the administrative levels (`administrative_levels`). */
@Injectable()
export class LevelsRepository {
  constructor(@InjectRepository(AdministrativeLevel) private readonly levels: Repository<AdministrativeLevel>) {}

  /** Highest first. */
  async all(): Promise<AdministrativeLevel[]> {
    return this.levels.find({ order: { rank: 'ASC' } });
  }

  async exists(code: string): Promise<boolean> {
    return this.levels.existsBy({ code });
  }
}
