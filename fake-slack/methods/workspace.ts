import { SlackApiError } from '../method-params.js';
import type { MethodHandler } from './method-handler.js';

export const workspaceMethods: Record<string, MethodHandler> = {
  'auth.test': ({ state }) => ({
    url: `https://${state.identity.teamDomain}.slack.com/`,
    team: 'Anthill Test',
    user: 'anthill',
    team_id: state.identity.teamId,
    user_id: state.identity.botUserId,
    bot_id: state.identity.botId,
    is_enterprise_install: false,
  }),

  'users.info': ({ state, params }) => {
    const user = state.user(params.required('user', 'user_not_found'));
    if (user === undefined) throw new SlackApiError('user_not_found');
    const teamId = user.team_id ?? state.identity.teamId;
    return {
      user: {
        id: user.id,
        team_id: teamId,
        name: user.name,
        real_name: user.real_name,
        deleted: user.deleted,
        is_bot: user.is_bot,
        is_app_user: false,
        is_restricted: user.is_restricted,
        is_ultra_restricted: user.is_ultra_restricted,
        tz: user.tz,
        profile: { real_name: user.real_name, display_name: user.display_name ?? user.name, team: teamId },
        ...(user.enterprise_id !== undefined && {
          enterprise_user: { id: user.id, enterprise_id: user.enterprise_id, enterprise_name: 'Fake Org', is_admin: false, is_owner: false, teams: [teamId] },
        }),
      },
    };
  },

  'usergroups.users.list': ({ state, params }) => {
    const users = state.userGroups.get(params.required('usergroup', 'no_such_subteam'));
    if (users === undefined) throw new SlackApiError('no_such_subteam');
    return { users: [...users] };
  },
};
