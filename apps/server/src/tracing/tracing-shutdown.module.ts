import { Module, OnApplicationShutdown } from '@nestjs/common';
import { shutdownTracing } from '../tracing';

/** Flushes the spans still buffered once the HTTP server and the stores have closed. */
@Module({})
export class TracingShutdownModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }
}
