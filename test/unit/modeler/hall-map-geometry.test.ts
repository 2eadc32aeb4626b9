import { expect } from 'chai';
import { distanceKm, fitBox, geoLink, pathOf, project, zoomBox } from '../../../modeler/src/hall-map/geometry.ts';

/** The hall map's arithmetic (modeler/src/hall-map/geometry.ts): Web Mercator, fitting, zooming, distances. */
describe('the hall map’s projection and distances', () => {
  it('projects WGS-84 degrees to Web Mercator kilometres, north up (y grows southwards)', () => {
    expect(project(0, 0)[0]).to.equal(0);
    expect(project(0, 0)[1]).to.be.closeTo(0, 1e-9);
    const [x, y] = project(112.9018, 28.2095);
    expect(x).to.be.closeTo(12568.2, 0.5);
    expect(y).to.be.closeTo(-3275.41, 0.01);
    expect(project(112.9, 28.3)[1]).to.be.lessThan(project(112.9, 28.2)[1]);
    expect(pathOf([112.9, 28.2, 113, 28.3], false)).to.equal('M12567.971 -3274.213L12579.102 -3286.850');
    expect(pathOf([112.9, 28.2, 113, 28.3, 113, 28.2], true).endsWith('Z')).to.equal(true);
  });

  it('fits the halls with a margin at the drawing’s shape, and a single hall in a box of 4 km', () => {
    const points: [number, number][] = [project(112.8869, 28.2318), project(112.9395, 28.1862)];
    const box = fitBox(points, 2, project(112.94, 28.23));
    expect(box.w / box.h).to.be.closeTo(2, 1e-9);
    for (const [px, py] of points) {
      expect(px).to.be.within(box.x, box.x + box.w);
      expect(py).to.be.within(box.y, box.y + box.h);
    }
    const one = fitBox([project(112.9, 28.2)], 1, project(0, 0));
    expect(one.w).to.be.closeTo(4 * 1.3, 1e-9);
    expect(one.x + one.w / 2).to.be.closeTo(project(112.9, 28.2)[0], 1e-9);
  });

  it('zooms about a point that stays where it is, within 50 m and 2,000 km across', () => {
    const box = { x: 0, y: 0, w: 10, h: 5 };
    const closer = zoomBox(box, 2, 8, 4);
    expect(closer).to.deep.equal({ x: 4, y: 2, w: 5, h: 2.5 });
    // the point (8, 4) is at the same fraction of the view before and after
    expect((8 - closer.x) / closer.w).to.equal((8 - box.x) / box.w);
    expect(zoomBox(box, 1e6).w).to.equal(0.05);
    expect(zoomBox(box, 1e-6).w).to.equal(2000);
  });

  it('measures great-circle distances and writes a geo: link with the place’s name', () => {
    const changsha = { lat: 28.2095, lon: 112.9018 };
    expect(distanceKm(changsha, changsha)).to.equal(0);
    // 长沙市政务服务中心 to 岳麓区政务服务中心: about 2.8 km
    expect(distanceKm(changsha, { lat: 28.2318, lon: 112.8869 })).to.be.closeTo(2.87, 0.05);
    // to Beijing's Tiananmen: about 1,340 km
    expect(distanceKm(changsha, { lat: 39.9087, lon: 116.3975 })).to.be.closeTo(1340, 15);
    expect(geoLink(28.2095, 112.9018, '长沙市政务服务中心')).to.equal(
      'geo:28.2095,112.9018?q=28.2095,112.9018(%E9%95%BF%E6%B2%99%E5%B8%82%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1%E4%B8%AD%E5%BF%83)',
    );
  });
});
