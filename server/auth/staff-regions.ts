import { Op } from 'sequelize';
import { User } from './user.model.ts';
import { allRegions } from '../organization/index.ts';

/**
 * Staff from before there were regions (and demo staff named without one) work in the platform's
 * own region, the root of the tree: as they did. Run at start and after seeding; answers how many
 * accounts it placed.
 */
export async function placeStaffWithoutRegion(): Promise<number> {
  const root = (await allRegions()).find((r) => !r.parentCode);
  if (!root) return 0;
  const [placed] = await User.update({ regionCode: root.code }, { where: { regionCode: null, departmentCode: { [Op.ne]: null } } });
  return placed;
}
