import {
  defaultFindingsCsvFilename,
  filenameFromContentDisposition,
  saveFile,
} from './download';

describe('filenameFromContentDisposition', () => {
  it.each([
    [
      'attachment; filename="retention-findings-2026-03-12.csv"',
      'retention-findings-2026-03-12.csv',
    ],
    ['attachment; filename=report.csv', 'report.csv'],
    ['attachment; filename="a \\"quoted\\" name.csv"', 'a "quoted" name.csv'],
    [
      'attachment; filename="fallback.csv"; filename*=UTF-8\'\'r%C3%A9tention.csv',
      'rétention.csv',
    ],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.csv"', 'x.csv'],
  ])('reads %p as %p', (header, name) => {
    expect(filenameFromContentDisposition(header)).toBe(name);
  });

  it.each([[null], [''], ['attachment'], ['attachment; filename=""']])(
    'gives no name for %p',
    header => {
      expect(filenameFromContentDisposition(header)).toBeUndefined();
    },
  );
});

describe('defaultFindingsCsvFilename', () => {
  it('names the file by the UTC date', () => {
    expect(
      defaultFindingsCsvFilename(new Date('2026-03-12T23:30:00-05:00')),
    ).toBe('retention-findings-2026-03-13.csv');
  });
});

describe('saveFile', () => {
  const original = {
    create: URL.createObjectURL,
    revoke: URL.revokeObjectURL,
  };
  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('clicks a temporary download link named after the file, then releases it', () => {
    jest.useFakeTimers();
    URL.createObjectURL = jest.fn(() => 'blob:http://localhost/csv-1');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this);
        expect(document.body.contains(this)).toBe(true);
      });
    const file = new File(['a,b\r\n'], 'retention-findings-2026-03-12.csv', {
      type: 'text/csv',
    });

    saveFile(file);

    expect(URL.createObjectURL).toHaveBeenCalledWith(file);
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('retention-findings-2026-03-12.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:http://localhost/csv-1');
    expect(document.body.contains(clicked[0])).toBe(false);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    jest.runAllTimers();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith(
      'blob:http://localhost/csv-1',
    );
  });
});
