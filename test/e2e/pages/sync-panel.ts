// Page object for the administrator's sync panel: enrolling the station (over the network or
// air-gapped), importing the signed snapshot file, and what the panel says about the list.
import type { Page } from '@playwright/test';

export class SyncPanel {
  constructor(private readonly page: Page) {}

  /** Enrols with the service at `server`, with the device token and the server key it gave. */
  async enrol(server: string, token: string, serverKey: string): Promise<void> {
    await this.page.getByTestId('sync-server').fill(server);
    await this.page.getByTestId('sync-token').fill(token);
    await this.page.getByTestId('sync-server-key').fill(serverKey);
    await this.page.getByTestId('sync-enrol').click();
  }

  /** Enrols air-gapped: the service's key and the site alone, no address and no token. */
  async enrolAirGapped(serverKey: string, site: string): Promise<void> {
    await this.page.getByTestId('sync-file-server-key').fill(serverKey);
    await this.page.getByTestId('sync-file-site').fill(site);
    await this.page.getByTestId('sync-enrol-file').click();
  }

  async importFile(file: string): Promise<void> {
    await this.importInput().setInputFiles(file);
  }

  importInput() {
    return this.page.getByTestId('sync-import-file');
  }

  message() {
    return this.page.getByTestId('sync-message');
  }

  state() {
    return this.page.getByTestId('sync-state');
  }

  enrolment() {
    return this.page.getByTestId('sync-enrolment');
  }

  syncedVersion() {
    return this.page.getByTestId('sync-list-version');
  }

  freshness() {
    return this.page.getByTestId('sync-freshness');
  }

  age() {
    return this.page.getByTestId('sync-age');
  }
}
