# Собственные тексты errcat на русском: то, что команда `errcat` и
# HTML-справочник выводят вокруг текстов каталогов.

# en-hash: 216f6875
language-name = Русский

# en-hash: 47837b64
fallback-note = Перевода на язык «{ $requested }» пока нет; текст показан на языке «{ $language }».

## Строки под объяснением ответа API

# en-hash: 05d505e4
server-said = Сервер ответил
# en-hash: 8b5b42c4
result-field = Поле Result
# en-hash: b1fad8c4
data-field = Поле data

## Виды кодов

# en-hash: 9c905981
kind-success = успех
# en-hash: ac4d1f11
kind-accepted = принято
# en-hash: 1e9dc859
kind-partial = частичный успех
# en-hash: bcffdf7a
kind-error = ошибка
# en-hash: 982ed7f4
kind-unknown = неизвестный код
# en-hash: 99ad349a
retired = больше не используется

## Столбцы таблицы покрытия `errcat check`

# en-hash: b9a970c5
check-locale = локаль
# en-hash: 7a4e6e67
check-required = нужно
# en-hash: aee12c06
check-translated = переведено
# en-hash: 911f9f00
check-missing = нет
# en-hash: 3d9e11d3
check-errors = ошибки
# en-hash: 77f01fca
check-warnings = предупреждения

## Сообщения об ошибках

# en-hash: 5042ec7c
no-match = ни один код не подходит под запрос { $query }
# en-hash: 68fb61fc
check-failed = проверка нашла ошибки
# en-hash: eb8805a7
unknown-code = неизвестный код { $code }: в каталоге { $catalog } такого кода нет
# en-hash: 859973bb
did-you-mean = возможно, имелся в виду { $suggestion }?
# en-hash: 4af0cf51
invalid-locale = недопустимая локаль { $locale }: ожидается языковой тег, например kk, kk-KZ или kk_KZ.UTF-8

## HTML-справочник кодов

# en-hash: c73ed614
index-heading = Справочник кодов ошибок
# en-hash: 6f75da6d
index-lead = Что означает каждый числовой код этих API и что с ним делать.
# en-hash: 6a27c6b0
index-search = Поиск
# en-hash: 8552a9eb
index-search-placeholder = Код, имя или слова…
# en-hash: 42ffab49
index-language = Язык
# en-hash: 6e90899f
index-codes = Коды
# en-hash: cfa63d56
index-contents = Содержание
# en-hash: bd2b48da
index-no-results = Ни один код не подходит под этот запрос.
