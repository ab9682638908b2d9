import { Module } from '@nestjs/common';
import { NotificationCentreService } from './notification-centre.service';
import { NotificationSettingsController } from './notification-settings.controller';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';

/** The notification centre and preferences of each person, and the organization's notification settings. */
@Module({
  controllers: [NotificationsController, NotificationSettingsController],
  providers: [NotificationCentreService, NotificationSettingsService],
})
export class NotificationsModule {}
