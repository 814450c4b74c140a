import { Module } from '@nestjs/common';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { ExportsController } from './exports.controller';

/** CSV exports of the policy views: `GET /api/v1/exports/{view}.csv`. */
@Module({ imports: [PersonalDataModule], controllers: [ExportsController] })
export class ExportsModule {}
