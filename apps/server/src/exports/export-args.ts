import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { GOVERNMENT_LAYERS, type GovernmentLayer } from '@praktijklus/domain';
import {
  SIGNAL_DIMENSIONS,
  TIME_BUCKETS,
  type SignalDimension,
  type TimeBucket,
} from '@praktijklus/projections';
import { MAX_FILTER_VALUES, MAX_SEARCH_LENGTH } from '../views/view-args';

/** The `signals` view's `search` argument. */
export class SignalsExportArgs {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  search?: string;
}

/** The `signalStats` view's `groupBy` (absent: one row with the total) and `bucket`. */
export class SignalStatsExportArgs {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(SIGNAL_DIMENSIONS, { each: true })
  groupBy?: SignalDimension[];

  @IsOptional()
  @IsIn(TIME_BUCKETS)
  bucket?: TimeBucket;
}

/** The `accountability` view's `authority` and `layer` arguments. */
export class AccountabilityExportArgs {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  authority?: string;

  @IsOptional()
  @IsIn(GOVERNMENT_LAYERS)
  layer?: GovernmentLayer;
}
