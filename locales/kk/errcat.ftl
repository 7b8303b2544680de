# errcat-тың өз мәтіндері қазақша: `errcat` командасы мен HTML
# анықтамалығы каталог мәтіндерінің айналасында шығаратын сөздер.

# en-hash: 216f6875
language-name = Қазақша

# en-hash: 47837b64
fallback-note = «{ $requested }» тіліне аударма әлі жоқ; мәтін «{ $language }» тілінде көрсетілген.

## API жауабының түсіндірмесі астындағы жолдар

# en-hash: 5ebb481a
server-said = Сервер жауабы
# en-hash: ca4815d3
# en: result
result-field = result өрісі
# en-hash: b1fad8c4
data-field = data өрісі

## Код түрлері

# en-hash: 9c905981
kind-success = сәтті
# en-hash: ac4d1f11
kind-accepted = қабылданды
# en-hash: 1e9dc859
kind-partial = ішінара сәтті
# en-hash: bcffdf7a
kind-error = қате
# en-hash: 982ed7f4
kind-unknown = белгісіз код
# en-hash: 99ad349a
retired = енді қолданылмайды

## `errcat check` қамту кестесінің бағандары

# en-hash: b9a970c5
check-locale = локаль
# en-hash: 7a4e6e67
check-required = қажет
# en-hash: aee12c06
check-translated = аударылған
# en-hash: 911f9f00
check-missing = жоқ
# en-hash: 3d9e11d3
check-errors = қателер
# en-hash: 77f01fca
check-warnings = ескертулер

## Қате туралы хабарлар

# en-hash: 5042ec7c
no-match = { $query } сұрауына сәйкес код табылмады
# en-hash: 68fb61fc
check-failed = тексеру қателер тапты
# en-hash: eb8805a7
unknown-code = { $code } — белгісіз код: { $catalog } каталогында мұндай код жоқ
unknown-number = { $code } — белгісіз код: мұндай нөмір ешбір каталогта жоқ
# en-hash: 859973bb
did-you-mean = { $suggestion } деп жазғыңыз келген шығар?
# en-hash: 4af0cf51
invalid-locale = { $locale } — жарамсыз локаль: kk, kk-KZ немесе kk_KZ.UTF-8 сияқты тіл тегі күтіледі
# en-hash: a9ed83c0
or = немесе
# en-hash: 195cb457
invalid-code = { $code } — жарамсыз код: <каталог>:<нөмір> немесе <каталог>:<атау> күтіледі, мысалы, planfix:1000
# en-hash: f9f61011
unknown-catalog = { $code } кодындағы { $catalog } — белгісіз каталог: белгілі каталогтар — { $known }
# en-hash: 9b50f9ab
ambiguous-code = { $code } — екіұшты код: { $candidates }
# en-hash: 532d516b
unknown-kind = { $kind } — белгісіз код түрі: success, accepted, partial, error немесе unknown күтіледі
# en-hash: c7af1101
# en: invalid JSON at line { $line }, column { $column }: { $reason -> [eof] the text ends before the JSON does [colon] expected `:` after an object's key [comma] expected `,` or the end of the array or object [trailing-comma] a `,` stands before the end of an array or object [trailing] more text follows the JSON value [key] an object's key must be a string in double quotes [number] the number is not valid or too large [string] the string holds a control character or a bad escape [deep] the JSON is nested too deeply [value] expected a JSON value *[other] the text is not JSON }
invalid-json = JSON жарамсыз ({ $line }-жол, { $column }-баған): { $reason ->
        [eof] мәтін JSON аяқталмай тұрып бітеді
        [colon] нысан кілтінен кейін `:` күтіледі
        [comma] `,` немесе массивтің не нысанның соңы күтіледі
        [trailing-comma] массивтің не нысанның соңы алдында артық `,` тұр
        [trailing] JSON мәнінен кейін артық мәтін бар
        [key] нысан кілті қос тырнақтағы жол болуы керек
        [number] сан жарамсыз немесе тым үлкен
        [string] жолда басқару таңбасы немесе қате escape-тізбек бар
        [deep] JSON тым терең кірістірілген
        [value] JSON мәні күтіледі
       *[other] мәтін JSON емес
    }
# en-hash: 1030d20f
invalid-response = жауап жарамсыз: { $problem }
# en-hash: dfaba51a
response-not-object = JSON нысаны күтіледі, ал келген мәннің түрі — { $type }
# en-hash: 315218a3
response-no-code = `code` өрісі жоқ
# en-hash: ef535c70
response-no-code-field = { $catalog } каталогына қажет `{ $field }` өрісі жоқ
# en-hash: aaf7b39d
response-bad-code = `{ $field }` өрісінде 0 – { $max } аралығындағы код нөмірі болуы керек, ал келген мән: { $value }
# en-hash: 52e58ca8
response-ambiguous = кілттерден жауапты қай API жібергені анық емес: `code` { $number } — mobizon:{ $number } немесе planfix:{ $number }; API-ді көрсетіңіз
# en-hash: 313c3d56
response-wrapped = API жауабы { $key } өрісінің ішіне салынған: оның ішіндегі нысанды беріңіз
# en-hash: 21b9acc9
response-mixed = жауапта бірнеше API-дің кілттері бар; API-ді көрсетіңіз
# en-hash: 10c3b556
response-not-from-catalog = `{ $field }` өрісі жауаптың { $catalog } каталогынан емес екенін көрсетеді
# en-hash: 154c3f88
recipients-summary = Алушылар: қосылғаны — { $added }, қабылданбағаны — { $refused }
# en-hash: 168836dc
no-text = { $code } үшін мәтін { $locale } локалінде де, оның қосалқы локальдерінде де жоқ
# en-hash: ab3ef2cd
cannot-write-output = шығыс деректерді жазу мүмкін болмады: { $reason }
# en-hash: fcd8f267
cannot-read-stdin = жауапты стандартты кірістен оқу мүмкін болмады: { $reason }
# en-hash: 2a84a4b4
unexportable = { $code } мәтінін { $locale } локалі үшін экспорттау мүмкін болмады: { $number } нөміріне арналған мәтіні нөмір қойылған үлгісімен сәйкес келмейді ($number бойынша таңдау бар ма?)

## `errcat` файлдармен не істеді

# en-hash: 5cef8452
wrote = жазылды: { $path }
# en-hash: 6ef34c0b
created = жасалды: { $path }
# en-hash: 5dad5766
stamped = { $folder }: { $count } хабарлама қазіргі ағылшын мәтінімен салыстырылған деп белгіленді

## HTML анықтамалығы

# en-hash: c73ed614
index-heading = Қате кодтарының анықтамалығы
# en-hash: 6f75da6d
index-lead = Осы API-лердің әр сандық коды нені білдіретіні және ол кездескенде не істеу керектігі.
# en-hash: 6a27c6b0
index-search = Іздеу
# en-hash: 8552a9eb
index-search-placeholder = Код, атау немесе сөздер…
# en-hash: 42ffab49
index-language = Тіл
# en-hash: 6e90899f
index-codes = Кодтар
# en-hash: cfa63d56
index-contents = Мазмұны
# en-hash: bd2b48da
index-no-results = Бұл сұрауға сәйкес код табылмады.
