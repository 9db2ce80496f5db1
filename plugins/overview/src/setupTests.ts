import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages and cards load lazily; when every package's tests run at once on two
// cores, the first render can take seconds. findBy*/waitFor get a deadline
// that fits that, and still fail when what they wait for never appears.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
