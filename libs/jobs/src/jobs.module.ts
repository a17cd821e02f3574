import { Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** For feature libs and the API: ask for jobs through the outbox. Runs nothing. */
@Module({
  providers: [OutboxService],
  exports: [OutboxService],
})
export class JobsModule {}
