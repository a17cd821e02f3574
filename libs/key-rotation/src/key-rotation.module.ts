import { Module } from '@nestjs/common';
import { AuditModule } from '@accord/audit';
import { ChannelsModule } from '@accord/channels';
import { ReferralsModule } from '@accord/referrals';
import { SharingModule } from '@accord/sharing';
import { KeyRotationService } from './key-rotation.service';

/**
 * Key rotation: wires each owner's reseal step into one pass. It owns no table and seals nothing
 * itself; identity (TOTP seeds) is global, the other owners are imported for their steps.
 */
@Module({
  imports: [AuditModule, ChannelsModule, ReferralsModule, SharingModule],
  providers: [KeyRotationService],
  exports: [KeyRotationService],
})
export class KeyRotationModule {}
