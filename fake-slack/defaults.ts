/** Identities of the fake workspace, shared by the fake Web API and the request builders. */
export const FAKE_WORKSPACE = {
  teamId: 'T0TEAM001',
  teamDomain: 'anthill-test',
  botUserId: 'U0BOT0001',
  botId: 'B0BOT0001',
  appId: 'A0ANTHILL01',
  token: 'xoxb-fake-anthill-token',
} as const;
