import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../adapters/config.js';
import { configProblems } from '../helpers/configProblems.js';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

describe('loadConfig for the Teams package', () => {
  it('needs the app id and the domain, not the password', () => {
    const config = loadConfig({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.example.fr' }, { purpose: 'teams-package' });
    expect(config.microsoftApp.id).toBe(APP_ID);
    expect(config.botDomain).toBe('bot.example.fr');
  });

  it('reports every missing or bad variable at once', () => {
    expect(configProblems({}, 'teams-package')).toEqual([
      "MicrosoftAppId is required to build the Teams app package (the Azure Bot's app id)",
      'BOT_DOMAIN is required to build the Teams app package (public host name of the bot, e.g. bot.example.fr)',
    ]);
    expect(configProblems({ MicrosoftAppId: 'x', BOT_DOMAIN: 'bot.example.fr/api' }, 'teams-package')).toEqual([
      'MicrosoftAppId must be a GUID (got "x")',
      'BOT_DOMAIN must be a bare host name such as bot.example.fr (got "bot.example.fr/api")',
    ]);
  });

  it('keeps the server purpose as before: an app id needs its password, and neither is required', () => {
    expect(configProblems({ MicrosoftAppId: APP_ID })).toEqual(['MicrosoftAppPassword is required when MicrosoftAppId is set']);
    expect(configProblems({})).toEqual([]);
  });
});
