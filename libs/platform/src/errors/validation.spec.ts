import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsString, MinLength, ValidateNested } from 'class-validator';
import { ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from './domain-error.js';
import { validationExceptionFactory } from './validation.js';

class Contact {
  @IsString() @MinLength(1) name: string;
  @IsEmail() email: string;
}

class Supplier {
  @IsString() @MinLength(2) name: string;
  @IsIn(['supplier', 'university']) kind: string;
  @ValidateNested({ each: true }) @Type(() => Contact) contacts: Contact[];
}

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
});

async function problems(body: unknown) {
  try {
    await pipe.transform(body, { type: 'body', metatype: Supplier });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected the pipe to refuse the body');
}

describe('validation problems', () => {
  it('gives each invalid field its path, array indexes included', async () => {
    const errors = await problems({
      name: 'Acme',
      kind: 'supplier',
      contacts: [
        { name: 'A', email: 'a@b.nhs.uk' },
        { name: '', email: 'nope' },
      ],
    });
    expect(errors).toEqual([
      { path: 'contacts[1].name', message: 'must be longer than or equal to 1 characters' },
      { path: 'contacts[1].email', message: 'must be an email' },
    ]);
  });

  it('refuses unknown fields, nested ones too', async () => {
    const errors = await problems({
      name: 'Acme',
      kind: 'supplier',
      colour: 'red',
      contacts: [{ name: 'A', email: 'a@b.nhs.uk', x: 1 }],
    });
    expect(errors).toEqual([
      { path: 'colour', message: 'is not a known field' },
      { path: 'contacts[0].x', message: 'is not a known field' },
    ]);
  });

  it('names the allowed values of an enumeration', async () => {
    const errors = await problems({ name: 'Acme', kind: 'vendor', contacts: [] });
    expect(errors).toEqual([{ path: 'kind', message: 'must be one of the following values: supplier, university' }]);
  });
});
