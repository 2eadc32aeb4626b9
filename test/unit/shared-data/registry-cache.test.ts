import { expect } from 'chai';
import { RegistryCache } from '../../../server/shared-data/registry-cache.ts';

describe('共享数据: the short cache of records found', () => {
  it('answers a copy until the time is up, then nothing', () => {
    const cache = new RegistryCache<{ name: string }>(60);
    cache.set('430102199003071234', { name: '张三' }, 1_000);
    const hit = cache.get('430102199003071234', 60_999)!;
    expect(hit).to.deep.equal({ name: '张三' });
    hit.name = '改过';
    expect(cache.get('430102199003071234', 61_000 - 1), 'a copy: the caller cannot change what is kept').to.deep.equal({ name: '张三' });
    expect(cache.get('430102199003071234', 61_000)).to.equal(undefined);
  });

  it('keeps nothing when off, forgets a number on demand, and drops the oldest beyond its bound', () => {
    const off = new RegistryCache<number>(0);
    off.set('a', 1, 0);
    expect(off.get('a', 0)).to.equal(undefined);

    const cache = new RegistryCache<number>(60, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.forget('b');
    expect(cache.get('b', 0)).to.equal(undefined);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).to.deep.equal([undefined, 2, 3]);
  });
});
